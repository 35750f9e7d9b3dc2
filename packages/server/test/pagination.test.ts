import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { calls } from '../src/db/schema.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import * as fieldCrypto from '../src/modules/crypto/field-crypto.ts';
import { superQuery } from './support.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

// Counts every unwrap and decryption the server makes, so a test can prove a list makes none.
vi.mock('../src/modules/crypto/field-crypto.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/modules/crypto/field-crypto.ts')>();
  return { ...real, unwrapDataKey: vi.fn(real.unwrapDataKey), decryptField: vi.fn(real.decryptField) };
});
const unwraps = vi.mocked(fieldCrypto.unwrapDataKey);
const decrypts = vi.mocked(fieldCrypto.decryptField);

type Page<K extends string> = { [P in K]: { id?: string; caseId?: string; userId?: string; seq?: number }[] } & {
  next: string | null;
};

describe('keyset pagination of the lists (decision 014)', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let colleague: TestUser;
  let officer: TestUser;
  let auditor: TestUser;
  let cookie: string;
  let colleagueCookie: string;
  let officerCookie: string;
  let auditorCookie: string;
  const prefix = `PG${randomInt(100, 999)}`;
  let seq = 0;

  const get = (as: string, url: string) => t.app.inject({ method: 'GET', url, cookies: { utvag_session: as } });

  async function newCase(teamUserIds: string[]) {
    const programmeId = coordinator.programmeId;
    const code = `${prefix}-2030-${String(++seq).padStart(4, '0')}`;
    const { caseId } = await withTransaction(t.database.db, { programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId,
        code,
        state: 'inquiry',
        identity: { name: `Namn ${code}` },
        teamUserIds,
      }),
    );
    return caseId;
  }

  /** Every page of a list, following `next` until it is null; the ids in the order read. */
  async function readAll<K extends string>(as: string, path: string, key: K, between?: () => Promise<void>) {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const sep = path.includes('?') ? '&' : '?';
      const r = await get(as, cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as Page<K>;
      sizes.push(page[key].length);
      ids.push(...page[key].map((row) => String(row.id ?? row.caseId ?? row.userId ?? row.seq)));
      cursor = page.next;
      if (cursor === null) return { ids, sizes };
      await between?.();
    }
    throw new Error('the list never ended');
  }

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    colleague = await createUser(t, { roles: ['coordinator'], programmeId: coordinator.programmeId });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: coordinator.programmeId });
    auditor = await createUser(t, { roles: ['auditor'], programmeId: coordinator.programmeId });
    cookie = await signIn(t, coordinator);
    colleagueCookie = await signIn(t, colleague);
    officerCookie = await signIn(t, officer);
    auditorCookie = await signIn(t, auditor);
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    unwraps.mockClear();
    decrypts.mockClear();
  });

  describe('the case list', () => {
    let mine: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 7; i++) mine.push(await newCase([coordinator.id]));
      // Cases of a colleague's team only: never on this coordinator's pages.
      for (let i = 0; i < 3; i++) await newCase([colleague.id]);
      // Two pairs of cases opened within the same millisecond (microseconds apart): a cursor that
      // kept only milliseconds would repeat or skip one of each pair.
      await superQuery(t, `update cases set created_at = '2020-01-01 10:00:00.000100+00' where id = $1`, [mine[2]]);
      await superQuery(t, `update cases set created_at = '2020-01-01 10:00:00.000900+00' where id = $1`, [mine[3]]);
      await superQuery(t, `update cases set created_at = '2020-01-01 11:00:00.000500+00' where id = any($1)`, [
        [mine[4], mine[5]],
      ]);
      const ordered = await superQuery<{ id: string }>(
        t,
        `select c.id from cases c join case_team_members m on m.case_id = c.id
          where m.user_id = $1 order by c.created_at, c.id`,
        [coordinator.id],
      );
      mine = ordered.map((r) => r.id);
    });

    it('reads every case of the team exactly once, in a stable order, a page of `limit` at a time', async () => {
      const { ids, sizes } = await readAll(cookie, '/api/v1/cases?limit=2', 'cases');
      expect(ids).toEqual(mine);
      expect(sizes).toEqual([2, 2, 2, 1]);
      // Read again: the same order.
      expect((await readAll(cookie, '/api/v1/cases?limit=3', 'cases')).ids).toEqual(mine);
    });

    it('answers the last page with next = null, and a full last page too', async () => {
      const all = await get(cookie, '/api/v1/cases?limit=7');
      expect(all.json().cases).toHaveLength(7);
      expect(all.json().next).toBeNull();
      const first = await get(cookie, '/api/v1/cases?limit=6');
      expect(first.json().next).toEqual(expect.any(String));
    });

    it('still reads every case that existed exactly once while cases are opened between its pages', async () => {
      const before = [...mine];
      const added: string[] = [];
      const { ids } = await readAll(cookie, '/api/v1/cases?limit=2', 'cases', async () => {
        added.push(await newCase([coordinator.id]));
      });
      for (const id of before) expect(ids.filter((x) => x === id)).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length);
      // New cases are the newest: they come at the end, each at most once.
      expect(ids.slice(0, before.length)).toEqual(before);
      for (const id of added) expect(ids.filter((x) => x === id).length).toBeLessThanOrEqual(1);
    });

    it('unwraps no case key and decrypts nothing for a page of the list', async () => {
      const r = await get(cookie, '/api/v1/cases?limit=50');
      expect(r.statusCode).toBe(200);
      expect(r.json().cases.length).toBeGreaterThan(5);
      expect(unwraps).not.toHaveBeenCalled();
      expect(decrypts).not.toHaveBeenCalled();
      expect(r.body).not.toContain('Namn');
      // The counters count: opening one case with its identity unwraps and decrypts.
      const one = await get(cookie, `/api/v1/cases/${mine[0]}`);
      expect(one.statusCode, one.body).toBe(200);
      expect(unwraps).toHaveBeenCalled();
      expect(decrypts).toHaveBeenCalled();
    });

    it('keeps another team’s cases off every page', async () => {
      const { ids } = await readAll(colleagueCookie, '/api/v1/cases?limit=1', 'cases');
      expect(ids).toHaveLength(3);
      for (const id of ids) expect(mine).not.toContain(id);
    });
  });

  describe('limits and cursors', () => {
    it('refuses a limit below 1, above the maximum or not a number with 422, and accepts the maximum', async () => {
      for (const limit of ['0', '-1', '201', '1.5', 'many']) {
        const r = await get(cookie, `/api/v1/cases?limit=${limit}`);
        expect(r.statusCode, limit).toBe(422);
        expect(r.json().error.fields.map((f: { path: string }) => f.path)).toContain('limit');
      }
      expect((await get(cookie, '/api/v1/cases?limit=200')).statusCode).toBe(200);
      expect((await get(officerCookie, '/api/v1/calls?limit=201')).statusCode).toBe(422);
      expect((await get(auditorCookie, '/api/v1/audit/entries?limit=501')).statusCode).toBe(422);
    });

    it('refuses a garbled, truncated, tampered or made-up cursor with 422 errors.invalid_cursor, never a 500', async () => {
      const first = await get(cookie, '/api/v1/cases?limit=1');
      const cursor: string = first.json().next;
      expect(cursor).toEqual(expect.any(String));
      const bytes = Buffer.from(cursor, 'base64url');
      const flipped = Buffer.from(bytes);
      flipped[flipped.length - 1]! ^= 0x01;
      const forged = [
        flipped.toString('base64url'),
        cursor.slice(0, -4),
        cursor.slice(0, 10),
        'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        // A cursor a client made itself, in clear: a key it would like to page from.
        Buffer.from(JSON.stringify(['2030-01-01T00:00:00Z', coordinator.id])).toString('base64url'),
        randomBytes(60).toString('base64url'),
      ];
      for (const bad of forged) {
        const r = await get(cookie, `/api/v1/cases?limit=1&cursor=${bad}`);
        expect(r.statusCode, bad).toBe(422);
        expect(r.json().error.messageKey).toBe('errors.invalid_cursor');
        expect(r.body).not.toContain(bad);
      }
    });

    it('refuses a cursor with characters outside its alphabet, or too long, with 422', async () => {
      for (const bad of ['%25%25%25', 'a.b', 'x'.repeat(600)]) {
        const r = await get(cookie, `/api/v1/cases?cursor=${bad}`);
        expect(r.statusCode, bad).toBe(422);
      }
    });

    it('refuses a genuine cursor on another list, or for another user', async () => {
      const cursor: string = (await get(cookie, '/api/v1/cases?limit=1')).json().next;
      const colleagues = await get(colleagueCookie, `/api/v1/cases?limit=1&cursor=${cursor}`);
      expect(colleagues.statusCode).toBe(422);
      expect(colleagues.json().error.messageKey).toBe('errors.invalid_cursor');
      const onOverdue = await get(cookie, `/api/v1/home/overdue?cursor=${cursor}`);
      expect(onOverdue.statusCode).toBe(422);
      expect(onOverdue.json().error.messageKey).toBe('errors.invalid_cursor');
    });

    it('writes no case code, time or id in clear into a cursor', async () => {
      const r = await get(cookie, '/api/v1/cases?limit=1');
      const cursor: string = r.json().next;
      const shown = r.json().cases[0];
      const decoded = Buffer.from(cursor, 'base64url').toString('latin1');
      expect(decoded).not.toContain(shown.id);
      expect(decoded).not.toContain(shown.code);
      expect(decoded).not.toContain('2020');
      expect(decoded).not.toContain(String(new Date().getUTCFullYear()));
    });
  });

  describe('the overdue list', () => {
    let late: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const id = await newCase([officer.id, colleague.id]);
        late.push(id);
        await superQuery(
          t,
          `update cases set contact_at = now() - make_interval(hours => 30 + $2::int) where id = $1`,
          [id, i],
        );
      }
      // Not late: contacted a moment ago; and one whose clocks have both stopped.
      await newCase([colleague.id]);
      const done = await newCase([colleague.id]);
      await superQuery(
        t,
        `update cases set contact_at = now() - interval '10 days', first_meeting_held_at = now() - interval '9 days',
           assessment_done_at = now() - interval '8 days' where id = $1`,
        [done],
      );
      late = (
        await superQuery<{ id: string }>(t, `select id from cases where id = any($1) order by contact_at, id`, [late])
      ).map((r) => r.id);
    });

    it('reads each late case exactly once, in order of first contact, limit counting cases', async () => {
      const { ids, sizes } = await readAll(colleagueCookie, '/api/v1/home/overdue?limit=2', 'overdue');
      expect([...new Set(ids)]).toEqual(late);
      expect(sizes.slice(0, -1).every((n) => n >= 2)).toBe(true);
      expect(unwraps).not.toHaveBeenCalled();
      expect(decrypts).not.toHaveBeenCalled();
    });
  });

  describe('the call list', () => {
    let callIds: string[] = [];

    async function newCall(receivedAt: Date, handlerUserId = officer.id) {
      const [row] = await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
        tx
          .insert(calls)
          .values({
            programmeId: coordinator.programmeId,
            receivedAt,
            channel: 'hotline',
            callerType: 'self',
            handlerUserId,
            decision: 'advice_only',
            // SECURITY (tested): not a key at all. A list that tried to unwrap it would fail with a 500.
            wrappedKey: randomBytes(60),
          })
          .returning({ id: calls.id }),
      );
      return row!.id;
    }

    beforeAll(async () => {
      const base = Date.now() - 3600_000;
      for (let i = 0; i < 6; i++) callIds.push(await newCall(new Date(base + i * 1000)));
      // Two calls at the very same instant: the id breaks the tie.
      const same = new Date(base + 500);
      callIds.push(await newCall(same), await newCall(same));
      callIds.push(await newCall(new Date(base + 2000), coordinator.id));
      callIds = (
        await superQuery<{ id: string }>(
          t,
          `select id from calls where programme_id = $1 order by received_at desc, id desc`,
          [coordinator.programmeId],
        )
      ).map((r) => r.id);
    });

    it('reads every call exactly once, newest first, while calls come in between pages', async () => {
      const before = [...callIds];
      const { ids } = await readAll(officerCookie, '/api/v1/calls?limit=2', 'calls', async () => {
        await newCall(new Date());
      });
      // Newer calls land above the first page: the pages read exactly the calls that were there.
      expect(ids).toEqual(before);
      expect(unwraps).not.toHaveBeenCalled();
      expect(decrypts).not.toHaveBeenCalled();
    });

    it('pages a filtered list: the handler filter holds on every page', async () => {
      const { ids } = await readAll(officerCookie, `/api/v1/calls?limit=1&handlerId=${coordinator.id}`, 'calls');
      expect(ids).toHaveLength(1);
    });
  });

  /** How many SQL statements the server sends while answering `url`. */
  async function statementsFor(as: string, url: string) {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const r = await get(as, url);
      expect(r.statusCode, r.body).toBe(200);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  // That a page's statements do not grow with its users is admin-users.test.ts's.
  describe("the administrator's user list", () => {
    let admin: TestUser;
    let adminCookie: string;

    beforeAll(async () => {
      admin = await createUser(t, { roles: ['administrator'], programmeId: coordinator.programmeId });
      adminCookie = await signIn(t, admin);
    });

    it('reads every user of the programme exactly once, by username, a page at a time', async () => {
      const truth = (
        await superQuery<{ id: string }>(
          t,
          `select u.id from users u where u.id in (select user_id from memberships where programme_id = $1
             union select user_id from pending_memberships where programme_id = $1) order by u.username, u.id`,
          [coordinator.programmeId],
        )
      ).map((r) => r.id);
      expect(truth.length).toBeGreaterThan(4);
      const { ids, sizes } = await readAll(adminCookie, '/api/v1/admin/users?limit=2', 'users');
      expect(ids).toEqual(truth);
      expect(sizes.every((n) => n <= 2)).toBe(true);
    });

    it("shows each user's roles, awaited roles and second factors as before", async () => {
      const all = (await get(adminCookie, '/api/v1/admin/users?limit=200')).json().users;
      const shown = all.find((u: { id: string }) => u.id === coordinator.id);
      expect(shown).toMatchObject({
        roles: ['coordinator'],
        pendingRoles: [],
        secondFactors: ['totp'],
        status: 'active',
      });
    });
  });

  describe('the members awaiting confirmation', () => {
    let waiting: TestUser[] = [];
    let twoRoles: TestUser;

    beforeAll(async () => {
      const admin = await createUser(t, { roles: ['administrator'], programmeId: coordinator.programmeId });
      for (let i = 0; i < 5; i++)
        waiting.push(await createUser(t, { roles: ['management'], programmeId: coordinator.programmeId }));
      const ask = (user: TestUser, role: string, at: string) =>
        superQuery(
          t,
          `insert into pending_memberships (user_id, programme_id, role, requested_by, created_at)
           values ($1, $2, $3, $4, $5)`,
          [user.id, coordinator.programmeId, role, admin.id, at],
        );
      // One user awaits two roles, asked for at different times: one row, the first request shown.
      twoRoles = waiting[0]!;
      await ask(waiting[0]!, 'coach', '2030-01-02T10:00:00Z');
      await ask(waiting[0]!, 'coordinator', '2030-01-01T10:00:00Z');
      for (const user of waiting.slice(1)) await ask(user, 'partner_caseworker', '2030-01-03T10:00:00Z');
      // The reader's own awaited role is never offered to them.
      await ask(coordinator, 'coach', '2030-01-04T10:00:00Z');
      waiting = [...waiting].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    });

    it('reads every user awaiting a role exactly once, by username, a page at a time, never the reader', async () => {
      const { ids, sizes } = await readAll(cookie, '/api/v1/members/pending?limit=2', 'members');
      expect(ids).toEqual(waiting.map((u) => u.id));
      expect(sizes).toEqual([2, 2, 1]);
      expect(ids).not.toContain(coordinator.id);
      // The colleague sees the coordinator's request, and not their own (they have none).
      const colleagues = await readAll(colleagueCookie, '/api/v1/members/pending?limit=2', 'members');
      expect(colleagues.ids).toContain(coordinator.id);
    });

    it('shows all the roles a user awaits on one row, with the first request', async () => {
      const page = (await get(cookie, '/api/v1/members/pending?limit=200')).json();
      const row = page.members.find((m: { userId: string }) => m.userId === twoRoles.id);
      expect(row).toMatchObject({ roles: ['coach', 'coordinator'], requestedAt: '2030-01-01T10:00:00.000Z' });
      expect(page.members.filter((m: { roles: string[] }) => m.roles.length === 2)).toHaveLength(1);
    });

    it('refuses a cursor of another list', async () => {
      const cases = (await get(cookie, '/api/v1/cases?limit=1')).json();
      expect(cases.next).not.toBeNull();
      const r = await get(cookie, `/api/v1/members/pending?cursor=${encodeURIComponent(cases.next)}`);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.messageKey).toBe('errors.invalid_cursor');
    });
  });

  describe('statements per page', () => {
    it('answers a page of the case list in the same number of statements for 2 cases as for 12', async () => {
      const few = await statementsFor(cookie, '/api/v1/cases?limit=2');
      const many = await statementsFor(cookie, '/api/v1/cases?limit=12');
      expect(many).toBe(few);
    });
  });

  describe("the auditor's search", () => {
    it('reads every entry of a user exactly once, newest first, while the log grows between pages', async () => {
      // The colleague's list reads write entries; the auditor's own searches are not the colleague's.
      for (let i = 0; i < 5; i++) await get(colleagueCookie, '/api/v1/cases?limit=1');
      const path = `/api/v1/audit/entries?userId=${colleague.id}`;
      const truth = (await get(auditorCookie, `${path}&limit=500`))
        .json()
        .entries.map((e: { seq: number }) => String(e.seq));
      expect(truth.length).toBeGreaterThan(5);
      const { ids } = await readAll(auditorCookie, `${path}&limit=2`, 'entries', async () => {
        await get(colleagueCookie, '/api/v1/cases?limit=1');
      });
      expect(ids).toEqual(truth);
    });
  });
});

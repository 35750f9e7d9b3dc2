import { readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AuditAction, Role } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { appendAudit } from '../src/modules/audit/audit.service.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';
import {
  appendEntries,
  appendForged,
  asIntruder,
  checkpoint,
  editAndRecompute,
  runVerifyCli,
  sealAll,
} from './audit-support.ts';
import { superQuery } from './support.ts';

type Entry = {
  seq: number;
  at: string;
  actor: { id: string; username: string } | null;
  programmeId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  recipient: string | null;
};

describe('the auditor searches the log and verifies the chain; nobody else does', () => {
  let t: TestEnv;
  let auditor: TestUser;
  let auditorCookie: string;
  let coordinatorA: TestUser;
  let outsider: TestUser;
  const caseA = randomUUID();
  const caseB = randomUUID();

  const get = (cookie: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/audit/entries${query}`, cookies: { utvag_session: cookie } });
  const verify = (cookie: string, env: TestEnv = t) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: { origin: env.origin },
      cookies: { utvag_session: cookie },
      payload: {},
    });
  const entries = async (query = ''): Promise<Entry[]> => {
    const response = await get(auditorCookie, query);
    expect(response.statusCode).toBe(200);
    return response.json().entries;
  };
  const rawLog = async (env: TestEnv = t) => {
    const su = new pg.Client({ connectionString: env.superuserUrl });
    await su.connect();
    const { rows } = await su.query('select * from audit_log order by seq');
    await su.end();
    return rows;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    auditor = await createUser(t, { roles: ['auditor'] });
    coordinatorA = await createUser(t, { roles: ['coordinator'], programmeId: auditor.programmeId });
    outsider = await createUser(t, { roles: ['coordinator'] }); // another programme
    auditorCookie = await signIn(t, auditor);
    await signIn(t, coordinatorA);
    await signIn(t, outsider);
    const record = (
      programmeId: string | null,
      actorUserId: string | null,
      recordId: string,
      action: AuditAction = 'case:read',
    ) =>
      withTransaction(t.database.db, {}, (tx) =>
        appendAudit(tx, t.deps.keys, { actorUserId, programmeId, action, recordType: 'case', recordId }),
      );
    await record(auditor.programmeId, coordinatorA.id, caseA);
    await record(outsider.programmeId, outsider.id, caseB);
    // A failed sign-in carries no programme: visible to the auditor only for their members.
    await withTransaction(t.database.db, {}, async (tx) => {
      await appendAudit(tx, t.deps.keys, {
        actorUserId: coordinatorA.id,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'failure',
      });
      await appendAudit(tx, t.deps.keys, {
        actorUserId: outsider.id,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'failure',
      });
      await appendAudit(tx, t.deps.keys, {
        actorUserId: null,
        programmeId: null,
        action: 'user:reset_mfa',
        recordType: 'user',
        recordId: coordinatorA.id,
      });
      await appendAudit(tx, t.deps.keys, {
        actorUserId: null,
        programmeId: null,
        action: 'user:reset_mfa',
        recordType: 'user',
        recordId: outsider.id,
      });
    });
  });
  afterAll(async () => t.close());

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: { origin: t.origin } })).statusCode,
    ).toBe(401);
  });

  it.each<Role>(['coordinator', 'administrator', 'management', 'hotline_officer'])(
    'refuses a %s both search and verification with 403, and logs the refusal',
    async (role) => {
      const user = await createUser(t, { roles: [role], programmeId: auditor.programmeId });
      const cookie = await signIn(t, user);
      const search = await get(cookie);
      expect(search.statusCode).toBe(403);
      expect(search.body).not.toContain(caseA);
      expect((await verify(cookie)).statusCode).toBe(403);
      const mine = (await rawLog()).filter((r) => r.actor_user_id === user.id && r.outcome === 'denied');
      expect(mine.map((r) => r.action).sort()).toEqual(['audit:search', 'audit:verify']);
    },
  );

  it('shows the programme’s entries and its members’ sign-ins, newest first, with the actor’s username', async () => {
    const list = await entries();
    const seqs = list.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const read = list.find((e) => e.recordId === caseA)!;
    expect(read).toMatchObject({
      action: 'case:read',
      outcome: 'success',
      programmeId: auditor.programmeId,
      recordType: 'case',
    });
    expect(read.actor).toEqual({ id: coordinatorA.id, username: coordinatorA.username });
    expect(Object.keys(read).sort()).toEqual(
      [
        'seq',
        'at',
        'actor',
        'programmeId',
        'action',
        'outcome',
        'recordType',
        'recordId',
        'purpose',
        'recipient',
      ].sort(),
    );
    expect(
      list.some((e) => e.action === 'auth:sign_in' && e.outcome === 'failure' && e.actor?.id === coordinatorA.id),
    ).toBe(true);
    expect(list.some((e) => e.action === 'user:reset_mfa' && e.recordId === coordinatorA.id)).toBe(true);
  });

  it('hides entries of another programme and programme-less entries of non-members', async () => {
    const list = await entries('?limit=500');
    expect(list.some((e) => e.recordId === caseB)).toBe(false);
    expect(list.some((e) => e.programmeId === outsider.programmeId)).toBe(false);
    expect(list.some((e) => e.actor?.id === outsider.id)).toBe(false);
    expect(list.some((e) => e.recordId === outsider.id)).toBe(false);
    // …even when asked for them by id.
    expect(await entries(`?recordId=${caseB}`)).toEqual([]);
    expect(await entries(`?userId=${outsider.id}`)).toEqual([]);
  });

  it('filters by user, by record (any id form) and by period', async () => {
    const byUser = await entries(`?userId=${coordinatorA.id}`);
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((e) => e.actor?.id === coordinatorA.id)).toBe(true);

    expect((await entries(`?recordId=${caseA}`)).map((e) => e.recordId)).toEqual([caseA]);
    await withTransaction(t.database.db, {}, (tx) =>
      appendAudit(tx, t.deps.keys, {
        actorUserId: coordinatorA.id,
        programmeId: auditor.programmeId,
        action: 'case:read',
        recordType: 'case',
        recordId: 'UTV-2025-0042',
      }),
    );
    expect((await entries('?recordId=UTV-2025-0042')).map((e) => e.recordId)).toEqual(['UTV-2025-0042']);

    const now = Date.now();
    expect(await entries(`?from=${new Date(now + 3_600_000).toISOString()}`)).toEqual([]);
    expect((await entries(`?to=${new Date(now - 3_600_000).toISOString()}`)).length).toBe(0);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    // A bare date is the whole day, both as start and end.
    expect((await entries(`?from=${today}&to=${today}&recordId=${caseA}`)).length).toBe(1);
    expect((await entries('?from=2000-01-01&to=2000-01-31')).length).toBe(0);
    expect((await entries('?limit=2')).length).toBe(2);
  });

  it('rejects malformed filters with 422: a from after to, a free-text record id, a non-uuid user', async () => {
    expect((await get(auditorCookie, '?from=2025-02-01&to=2025-01-01')).statusCode).toBe(422);
    expect((await get(auditorCookie, `?recordId=${encodeURIComponent('Anna Svensson')}`)).statusCode).toBe(422);
    expect((await get(auditorCookie, '?userId=anna')).statusCode).toBe(422);
    expect((await get(auditorCookie, '?limit=100000')).statusCode).toBe(422);
  });

  it('logs each search, with its filters, as audit:search', async () => {
    const before = (await rawLog()).length;
    await entries(`?recordId=${caseA}`);
    const log = await rawLog();
    const last = log.at(-1)!;
    expect(log.length).toBe(before + 1);
    expect(last).toMatchObject({
      action: 'audit:search',
      actor_user_id: auditor.id,
      programme_id: auditor.programmeId,
      outcome: 'success',
    });
    expect(last.details).toMatchObject({ recordId: caseA, results: 1 });
  });

  it('verifies the log, signs a checkpoint of the verified head and logs the verification', async () => {
    await sealAll(t);
    const response = await verify(auditorCookie);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const log = await rawLog();
    const chain = await superQuery<{ position: string; entry_seq: string; mac: string }>(
      t,
      'select * from audit_chain order by position desc limit 1',
    );
    // Every entry but the verification's own (written after it) was sealed and verified.
    expect(body).toEqual({
      ok: true,
      sealed: log.length - 1,
      pending: 0,
      head: { position: log.length - 1, entrySeq: Number(chain[0]!.entry_seq), mac: chain[0]!.mac },
      checkpoints: 0,
    });
    expect(log.at(-1)).toMatchObject({ action: 'audit:verify', outcome: 'success', actor_user_id: auditor.id });
    const checkpoint = JSON.parse((await readFile(t.config.auditCheckpointFile, 'utf8')).trim().split('\n').at(-1)!);
    expect(checkpoint).toMatchObject({ v: 2, position: body.head.position, headMac: body.head.mac });
    const again = (await verify(auditorCookie)).json();
    expect(again).toMatchObject({ ok: true, sealed: body.sealed, pending: 1, checkpoints: 1 });
  });

  it.each([
    ['an entry edited after the last checkpoint, the chain recomputed with bare hashes', 'edit'],
    ['a forged entry appended with a correct bare hash', 'forge'],
    ['a link outside the chain (position 0)', 'outside'],
    ['the tail deleted', 'tail'],
    ['the checkpoint file edited', 'checkpoint'],
  ] as const)(
    'names the broken entry after %s, writes no checkpoint, logs the failure',
    async (_, attack) => {
      const e = await createTestEnv();
      const auditorHere = await createUser(e, { roles: ['auditor'] });
      const cookie = await signIn(e, auditorHere);
      onTestFinished(() => e.close());
      await appendEntries(e, 6);
      await sealAll(e);
      expect((await checkpoint(e)).signed).not.toBeNull();
      await appendEntries(e, 3);
      await sealAll(e);
      const [{ n }] = (await superQuery(e, 'select max(position)::int as n from audit_chain')) as [{ n: number }];
      let expected: { seq?: number | null; position?: number | null; reason: RegExp };
      if (attack === 'edit') {
        expected = { seq: await editAndRecompute(e, n - 1), position: n - 1, reason: /altered or forged/ };
      } else if (attack === 'forge') {
        expected = { seq: await appendForged(e), position: n + 1, reason: /altered or forged/ };
      } else if (attack === 'outside') {
        await asIntruder(e, (su) =>
          su.query(`insert into audit_chain (position, entry_seq, horizon, mac) values (0, 4242, '1'::xid8, 'x')`),
        );
        expected = { seq: 4242, position: 0, reason: /outside the chain/ };
      } else if (attack === 'tail') {
        await asIntruder(e, async (su) => {
          await su.query('delete from audit_log where seq in (select entry_seq from audit_chain where position > 3)');
          await su.query('delete from audit_chain where position > 3');
        });
        expected = { position: 4, reason: /positions 4–\d+ are missing/ };
      } else {
        const line = JSON.parse((await readFile(e.config.auditCheckpointFile, 'utf8')).trim());
        await writeFile(e.config.auditCheckpointFile, JSON.stringify({ ...line, position: line.position + 1 }) + '\n');
        expected = { reason: /bad signature/ };
      }
      const lines = await readFile(e.config.auditCheckpointFile, 'utf8');
      const response = await verify(cookie, e);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.ok).toBe(false);
      expect(body.broken).toMatchObject({ ...expected, reason: expect.stringMatching(expected.reason) });
      expect(await readFile(e.config.auditCheckpointFile, 'utf8')).toBe(lines);
      expect((await rawLog(e)).at(-1)).toMatchObject({ action: 'audit:verify', outcome: 'failure' });
      // The same verdict from the real command line.
      if (attack === 'edit' || attack === 'tail') {
        const cli = await runVerifyCli({ DATABASE_URL: e.superuserUrl, UTVAG_DATA_DIR: e.dataDir });
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(/BROKEN at/);
        expect(cli.stderr).toContain(body.broken.reason);
      }
    },
    60_000,
  );
});

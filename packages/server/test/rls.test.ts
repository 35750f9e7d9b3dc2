import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { cases } from '../src/db/schema.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { randomPersonnummer } from './support.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

describe('row-level security scopes programme-owned tables to the acting programme', () => {
  let t: TestEnv;
  let a: TestUser;
  let b: TestUser;
  let caseA1: string;
  let caseB1: string;

  const newCase = (user: TestUser, code: string) =>
    withTransaction(t.database.db, { programmeId: user.programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId: user.programmeId,
        code,
        state: 'intake',
        identity: { name: `Person ${code}` },
        teamUserIds: [user.id],
      }),
    );
  /** The database's own message, under the query builder's wrapper. */
  const refusedByRls = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(error, 'the write was accepted').not.toBeNull();
    expect(String(error!.cause?.message ?? error!.message)).toMatch(/row-level security/);
  };
  const inProgramme = <T>(programmeId: string | null, fn: Parameters<typeof withTransaction<T>>[2]) =>
    withTransaction(t.database.db, { programmeId }, fn);

  beforeAll(async () => {
    t = await createTestEnv();
    a = await createUser(t, { roles: ['coordinator'] });
    b = await createUser(t, { roles: ['coordinator'] });
    caseA1 = (await newCase(a, 'A-1')).caseId;
    await newCase(a, 'A-2');
    caseB1 = (await newCase(b, 'B-1')).caseId;
  });
  afterAll(async () => t.close());

  it('returns only the acting programme’s rows to a query with no where clause', async () => {
    for (const table of ['cases', 'case_persons', 'case_team_members']) {
      const { rows } = await inProgramme(a.programmeId, (tx) => tx.execute(sql.raw(`select * from ${table}`)));
      expect(rows.length, table).toBe(2);
      expect(
        rows.every((r) => r.programme_id === a.programmeId),
        table,
      ).toBe(true);
    }
    const { rows } = await inProgramme(b.programmeId, (tx) => tx.execute(sql`select id from cases`));
    expect(rows.map((r) => r.id)).toEqual([caseB1]);
  });

  it('returns nothing when no programme is set, in a transaction or straight from the pool', async () => {
    const { rows } = await inProgramme(null, (tx) => tx.execute(sql`select * from cases`));
    expect(rows).toEqual([]);
    expect((await t.database.pool.query('select * from case_persons')).rows).toEqual([]);
    expect((await t.database.pool.query('select * from case_team_members')).rows).toEqual([]);
  });

  it('hides another programme’s row even when asked for it by id', async () => {
    const { rows } = await inProgramme(a.programmeId, (tx) =>
      tx.execute(sql`select * from cases where id = ${caseB1}`),
    );
    expect(rows).toEqual([]);
  });

  it('refuses to insert a row for programme B while acting in A', async () => {
    await refusedByRls(
      inProgramme(a.programmeId, (tx) =>
        tx
          .insert(cases)
          .values({ programmeId: b.programmeId, code: 'SNEAK', state: 'intake', wrappedKey: Buffer.alloc(45) }),
      ),
    );
    await refusedByRls(
      inProgramme(a.programmeId, (tx) =>
        tx.execute(
          sql`insert into case_team_members (case_id, programme_id, user_id) values (${caseB1}, ${b.programmeId}, ${a.id})`,
        ),
      ),
    );
  });

  it('refuses to move a row into another programme and cannot touch another programme’s rows', async () => {
    await refusedByRls(
      inProgramme(a.programmeId, (tx) =>
        tx.execute(sql`update cases set programme_id = ${b.programmeId} where id = ${caseA1}`),
      ),
    );
    const updated = await inProgramme(a.programmeId, (tx) =>
      tx.execute(sql`update cases set state = 'closed' where id = ${caseB1}`),
    );
    expect(updated.rowCount).toBe(0);
    const deleted = await inProgramme(a.programmeId, (tx) =>
      tx.execute(sql`delete from case_team_members where case_id = ${caseB1}`),
    );
    expect(deleted.rowCount).toBe(0);
  });

  it('runs the application as utvag_app: not a superuser, no BYPASSRLS, owner of no table', async () => {
    expect((await t.database.pool.query('select current_user as u')).rows[0].u).toBe('utvag_app');
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    const role = (
      await su.query(
        `select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = 'utvag_app'`,
      )
    ).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await su.query(`select tablename from pg_tables where tableowner = 'utvag_app'`);
    expect(owned.rows).toEqual([]);
    const rls = await su.query(
      `select relname, relrowsecurity from pg_class where relname in ('cases', 'case_persons', 'case_team_members') order by relname`,
    );
    expect(rls.rows.every((r) => r.relrowsecurity)).toBe(true);
    await su.end();
  });

  it('protects every table with a programme_id column by row-level security, except the listed tenant-spanning ones', async () => {
    // Not programme-owned data: which programmes a user belongs to and is signed in to (read at
    // sign-in, before any programme is chosen), and the audit log (append-only, chained across
    // programmes; the auditor's search scopes it in the query). Roles awaiting confirmation are
    // memberships-to-be, read by the operator's `admin confirm-member` across programmes; the
    // services scope them by programme (decision 010). The mail outbox is drained by every
    // instance's sender for all programmes and holds no personal data (decision 017).
    const spanning = ['audit_log', 'mail_outbox', 'memberships', 'pending_memberships', 'sessions'];
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    const { rows } = await su.query(`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             exists (select 1 from pg_policy p where p.polrelid = c.oid) as has_policy
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'programme_id' and not a.attisdropped)
       order by c.relname`);
    await su.end();
    const unprotected = rows.filter((r) => !r.rls || !r.has_policy).map((r) => r.table);
    expect(unprotected.sort()).toEqual(spanning);
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        'cases',
        'case_persons',
        'case_team_members',
        'mappings',
        'mapping_areas',
        'mapping_definitions',
      ]),
    );
  });

  it('keeps a mapping and its areas inside their programme: another programme neither reads nor writes them', async () => {
    const mappingId = randomUUID();
    await inProgramme(a.programmeId, (tx) =>
      tx.execute(
        sql`insert into mappings (id, programme_id, case_id, definition_key, definition_version, created_by)
            values (${mappingId}, ${a.programmeId}, ${caseA1}, 'utvag-mapping', 1, ${a.id})`,
      ),
    );
    await inProgramme(a.programmeId, (tx) =>
      tx.execute(
        sql`insert into mapping_areas (programme_id, case_id, mapping_id, area_key, section, content_enc)
            values (${a.programmeId}, ${caseA1}, ${mappingId}, 'debts', 'economy', '\\x00')`,
      ),
    );
    for (const table of ['mappings', 'mapping_areas']) {
      const own = await inProgramme(a.programmeId, (tx) => tx.execute(sql.raw(`select * from ${table}`)));
      expect(own.rows.length, table).toBe(1);
      const other = await inProgramme(b.programmeId, (tx) => tx.execute(sql.raw(`select * from ${table}`)));
      expect(other.rows, table).toEqual([]);
    }
    await refusedByRls(
      inProgramme(b.programmeId, (tx) =>
        tx.execute(
          sql`insert into mapping_areas (programme_id, case_id, mapping_id, area_key, section, content_enc)
              values (${a.programmeId}, ${caseA1}, ${mappingId}, 'housing', 'plan', '\\x00')`,
        ),
      ),
    );
  });

  it('cannot leave the utvag_app role from an application connection: it logs in as a member of utvag_app only', async () => {
    const client = await t.database.pool.connect();
    try {
      const who = await client.query(
        'select session_user as s, (select rolsuper from pg_roles where rolname = session_user) as su',
      );
      expect(who.rows[0].su).toBe(false);
      const { rows: supers } = await client.query<{ rolname: string }>('select rolname from pg_roles where rolsuper');
      expect(supers.length).toBeGreaterThan(0);
      for (const { rolname } of supers) {
        await expect(client.query(`SET ROLE ${client.escapeIdentifier(rolname)}`)).rejects.toThrow(/permission denied/);
      }
      const tableOwner = await client.query<{ o: string }>(
        "select tableowner as o from pg_tables where tablename = 'audit_log'",
      );
      await expect(client.query(`SET ROLE ${client.escapeIdentifier(tableOwner.rows[0]!.o)}`)).rejects.toThrow(
        /permission denied/,
      );
      await client.query('RESET ROLE');
      await expect(client.query("update audit_log set action = 'x'")).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('RESET ROLE').catch(() => {});
      client.release();
    }
  });
});

describe('need-to-know through the API: a case is read only by its team, and the read is logged', () => {
  let t: TestEnv;
  let owner: TestUser;
  let colleague: TestUser;
  let administrator: TestUser;
  let elsewhere: TestUser;
  let caseA: string;
  let caseB: string;
  const pnr = randomPersonnummer();
  const identity = {
    name: `Hemlig ${randomUUID().slice(0, 8)}`,
    personnummer: pnr,
    phone: `070-${randomInt(1e6, 1e7)}`,
    address: `Skyddad ${randomUUID().slice(0, 8)} 12`,
  };
  const read = (user: TestUser, cookie: string, id: string) =>
    t.app
      .inject({ method: 'GET', url: `/api/v1/cases/${id}`, cookies: { utvag_session: cookie } })
      .then((r) => ({ user, r }));
  const log = async () => {
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    const { rows } = await su.query('select *, row_to_json(audit_log)::text as everything from audit_log order by seq');
    await su.end();
    return rows;
  };
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestEnv();
    owner = await createUser(t, { roles: ['coordinator'] });
    colleague = await createUser(t, { roles: ['coordinator'], programmeId: owner.programmeId });
    administrator = await createUser(t, { roles: ['administrator'], programmeId: owner.programmeId });
    elsewhere = await createUser(t, { roles: ['coordinator'] });
    caseA = (
      await withTransaction(t.database.db, { programmeId: owner.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: owner.programmeId,
          code: 'NTK-1',
          state: 'intake',
          identity,
          teamUserIds: [owner.id],
          ownerUserId: owner.id,
        }),
      )
    ).caseId;
    caseB = (
      await withTransaction(t.database.db, { programmeId: elsewhere.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: elsewhere.programmeId,
          code: 'NTK-9',
          state: 'intake',
          identity: { name: 'Annan' },
          teamUserIds: [elsewhere.id],
        }),
      )
    ).caseId;
    for (const user of [owner, colleague, administrator, elsewhere]) cookies.set(user.id, await signIn(t, user));
  });
  afterAll(async () => t.close());

  it('answers 404 to a coordinator of another programme, exactly as for a case that does not exist', async () => {
    const { r } = await read(elsewhere, cookies.get(elsewhere.id)!, caseA);
    const { r: none } = await read(elsewhere, cookies.get(elsewhere.id)!, randomUUID());
    expect(r.statusCode).toBe(404);
    expect(r.body).toBe(none.body);
    expect(r.body).not.toContain(identity.name);
    // …and the owner cannot reach the other programme's case either.
    expect((await read(owner, cookies.get(owner.id)!, caseB)).r.statusCode).toBe(404);
  });

  it('answers 404 to a coordinator of the same programme who is not on the case team', async () => {
    const { r } = await read(colleague, cookies.get(colleague.id)!, caseA);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain(identity.name);
  });

  it('answers 404 to an administrator of the same programme (administrators read no case)', async () => {
    const { r } = await read(administrator, cookies.get(administrator.id)!, caseA);
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain(identity.name);
  });

  it('logs every refused read as a denied case:read naming the case, even though the request failed', async () => {
    const denied = (await log()).filter((e) => e.action === 'case:read' && e.outcome === 'denied');
    expect(denied.map((e) => [e.actor_user_id, e.record_id])).toEqual(
      expect.arrayContaining([
        [elsewhere.id, caseA],
        [colleague.id, caseA],
        [administrator.id, caseA],
        [owner.id, caseB],
      ]),
    );
  });

  it('gives the team coordinator the decrypted identity and logs case:read and identity:read with the case id', async () => {
    const before = (await log()).length;
    const { r } = await read(owner, cookies.get(owner.id)!, caseA);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: caseA, code: 'NTK-1', identity });
    const added = (await log()).slice(before);
    expect(
      added.map((e) => [e.action, e.outcome, e.record_type, e.record_id, e.actor_user_id, e.programme_id]),
    ).toEqual([
      ['case:read', 'success', 'case', caseA, owner.id, owner.programmeId],
      ['identity:read', 'success', 'case', caseA, owner.id, owner.programmeId],
    ]);
  });

  it('keeps every personal detail out of every column of the audit log', async () => {
    const needles = [
      identity.name,
      identity.address,
      identity.phone,
      pnr,
      pnr.slice(2),
      `${pnr.slice(2, 8)}-${pnr.slice(8)}`,
      'Annan',
    ];
    for (const entry of await log()) {
      for (const needle of needles) expect(entry.everything, `entry ${entry.seq}`).not.toContain(needle);
    }
  });
});

import { createHmac, randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { GENESIS_HASH, canonicalEncoding, chainHash, entryMac, linkMac } from '../src/modules/audit/audit-chain.ts';
import { sealPending, startAuditSealer } from '../src/modules/audit/audit-sealer.ts';
import { appendAudit, appendAuditEntries } from '../src/modules/audit/audit.service.ts';
import { PENDING_BOUND_MS } from '../src/modules/audit/audit-verify.ts';
import { createTestEnv, type TestEnv } from './harness.ts';
import {
  appendEntries,
  appendForged,
  asIntruder,
  bare,
  chainSeqs,
  checkpoint,
  editAndRecompute,
  entryRow,
  runVerifyCli,
  sealAll,
  verify,
} from './audit-support.ts';
import { superQuery } from './support.ts';

const quiet = { error: () => {}, info: () => {} };

/** An open transaction that has appended one entry and commits only when told to. */
function heldAppend(t: TestEnv) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let appended!: () => void;
  const written = new Promise<void>((resolve) => (appended = resolve));
  const done = withTransaction(t.database.db, {}, async (tx) => {
    await appendAudit(tx, t.deps.keys, { actorUserId: null, programmeId: null, action: 'case:read' });
    appended();
    await gate;
  });
  return { written, release, done };
}

describe('the audit log: entries written without a lock, sealed into a keyed chain', () => {
  let t: TestEnv;
  beforeEach(async () => {
    t = await createTestEnv();
  });
  afterEach(async () => t.close());

  it('writes each entry with an HMAC under the audit key and seals it with keyed links 1, 2, 3, …', async () => {
    await appendEntries(t, 5);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 0, pending: 5 });
    expect(await sealAll(t)).toBe(5);
    const entries = await superQuery(t, 'select seq, mac from audit_log order by seq');
    const links = await superQuery<{ position: string; entry_seq: string; mac: string }>(
      t,
      'select * from audit_chain order by position',
    );
    expect(links.map((l) => Number(l.position))).toEqual([1, 2, 3, 4, 5]);
    let prev = GENESIS_HASH;
    await asIntruder(t, async (su) => {
      for (const link of links) {
        const entry = await entryRow(su, Number(link.entry_seq));
        // Keyed: the bare SHA-256 an intruder could compute is not what is stored.
        expect(entry.mac).toBe(entryMac(t.deps.keys.auditChain, entry));
        expect(entry.mac).not.toBe(bare(canonicalEncoding(entry)));
        prev = linkMac(t.deps.keys.auditChain, prev, Number(link.position), entry.seq, entry.mac!);
        expect(link.mac).toBe(prev);
      }
    });
    expect(entries).toHaveLength(5);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 5, pending: 0, head: { position: 5, mac: prev } });
  });

  it('writes entries given together in their order, each with its own number and MAC, sealed and verified like any', async () => {
    await withTransaction(t.database.db, {}, (tx) =>
      appendAuditEntries(tx, t.deps.keys, [
        { actorUserId: null, programmeId: null, action: 'case:read', recordType: 'case', recordId: randomUUID() },
        { actorUserId: null, programmeId: null, action: 'identity:read', details: { relatedPersons: 2 } },
        { actorUserId: null, programmeId: null, action: 'threat:read' },
      ]),
    );
    const entries = await superQuery<{ seq: string; action: string; mac: string }>(
      t,
      'select seq, action, mac from audit_log order by seq',
    );
    expect(entries.map((e) => e.action)).toEqual(['case:read', 'identity:read', 'threat:read']);
    expect(new Set(entries.map((e) => e.mac)).size).toBe(3);
    await asIntruder(t, async (su) => {
      for (const e of entries) {
        const row = await entryRow(su, Number(e.seq));
        expect(row.mac).toBe(entryMac(t.deps.keys.auditChain, row));
      }
    });
    expect(await sealAll(t)).toBe(3);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 3, pending: 0 });
  });

  it('lets a second audited transaction commit while another is still open (no global lock)', async () => {
    const held = heldAppend(t);
    await held.written;
    // Under decision 004 this append waited for the held transaction's advisory lock, forever.
    await appendEntries(t, 3);
    held.release();
    await held.done;
    await sealAll(t);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 4, pending: 0 });
  });

  it('seals an entry with a lower number that commits after a higher one, instead of skipping it', async () => {
    const held = heldAppend(t);
    await held.written;
    await appendEntries(t, 2);
    // The held entry's transaction is still running: nothing above the horizon it holds is sealed.
    await sealAll(t);
    const before = await superQuery(t, 'select count(*)::int as n from audit_chain');
    expect(before[0]!.n).toBe(0);
    held.release();
    await held.done;
    await sealAll(t);
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    const order = await chainSeqs(su);
    await su.end();
    const all = (await superQuery<{ seq: string }>(t, 'select seq from audit_log order by seq')).map((r) =>
      Number(r.seq),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(all);
    expect(order[0]).toBe(all[0]); // the held entry, written first, is sealed first
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 3, pending: 0 });
  });

  it('seals every entry exactly once with many writers committing out of order and two sealers racing', async () => {
    const sealers = [
      startAuditSealer(t.database.pool, t.deps.keys, quiet, 5),
      startAuditSealer(t.database.pool, t.deps.keys, quiet, 7),
    ];
    const raced = await Promise.all(Array.from({ length: 6 }, () => sealPending(t.database.pool, t.deps.keys)));
    expect(raced.every((r) => r.refused.length === 0)).toBe(true);
    const writes = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        withTransaction(t.database.db, {}, async (tx) => {
          await appendAudit(tx, t.deps.keys, {
            actorUserId: null,
            programmeId: null,
            action: 'case:list',
            details: { i },
          });
          // Hold some transactions open after writing, so numbers commit out of order.
          await new Promise((resolve) => setTimeout(resolve, (i * 37) % 60));
        }),
      ),
    );
    const racing: Awaited<ReturnType<typeof verify>>[] = [];
    for (let i = 0; i < 5; i++) racing.push(await verify(t));
    await writes;
    expect(racing.map((r) => r.broken ?? null)).toEqual([null, null, null, null, null]);
    // Two explicit passes at the same moment: the advisory lock lets only one of them seal.
    const both = await Promise.all([
      sealPending(t.database.pool, t.deps.keys),
      sealPending(t.database.pool, t.deps.keys),
    ]);
    expect(both.filter((r) => r.sealed > 0).length).toBeLessThanOrEqual(1);
    await Promise.all(sealers.map((s) => s.stop()));
    await sealAll(t);
    const [counts] = await superQuery<{ entries: number; links: number; distinct: number; max: number }>(
      t,
      `select (select count(*)::int from audit_log) as entries, count(*)::int as links,
              count(distinct entry_seq)::int as distinct, max(position)::int as max from audit_chain`,
    );
    expect(counts).toEqual({ entries: 40, links: 40, distinct: 40, max: 40 });
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 40, pending: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and links to the app role, and choosing an xid', async () => {
    await appendEntries(t, 2);
    await sealAll(t);
    const app = t.database.pool;
    expect((await app.query('select current_user as u')).rows[0].u).not.toMatch(/postgres/);
    for (const table of ['audit_log', 'audit_chain']) {
      await expect(app.query(`update ${table} set mac = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`delete from ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`truncate ${table}`)).rejects.toThrow(/permission denied/);
    }
    await expect(
      app.query(`insert into audit_log (seq, at, action, outcome, xid) values (999, now(), 'x', 'success', '1'::xid8)`),
    ).rejects.toThrow(/permission denied/);
    await expect(
      app.query(
        `insert into audit_log (seq, at, action, outcome, hash, prev_hash) values (999, now(), 'x', 'success', 'a', 'b')`,
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the superuser while the triggers are on', async () => {
    await appendEntries(t, 2);
    await sealAll(t);
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    try {
      for (const table of ['audit_log', 'audit_chain']) {
        await expect(su.query(`update ${table} set mac = 'x'`)).rejects.toThrow(/append-only/);
        await expect(su.query(`delete from ${table}`)).rejects.toThrow(/append-only/);
        await expect(su.query(`truncate ${table}`)).rejects.toThrow(/append-only/);
      }
    } finally {
      await su.end();
    }
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 2 });
  });
});

describe('tampering by a database superuser without the key is detected and the entry named', () => {
  let t: TestEnv;
  beforeEach(async () => {
    t = await createTestEnv();
    await appendEntries(t, 6);
    await sealAll(t);
    expect((await checkpoint(t)).signed).toMatchObject({ position: 6 });
    await appendEntries(t, 4);
    await sealAll(t);
  });
  afterEach(async () => t.close());

  it('an entry edited after the last checkpoint, its MAC and the chain recomputed with bare SHA-256', async () => {
    const seq = await editAndRecompute(t, 8);
    expect((await verify(t)).broken).toEqual({ seq, position: 8, reason: expect.stringMatching(/altered or forged/) });
  });

  it('an entry edited without recomputing anything', async () => {
    const [{ entry_seq }] = (await superQuery(t, 'select entry_seq from audit_chain where position = 3')) as [
      { entry_seq: string },
    ];
    await asIntruder(t, (su) => su.query(`update audit_log set outcome = 'denied' where seq = $1`, [entry_seq]));
    expect((await verify(t)).broken).toMatchObject({ seq: Number(entry_seq), position: 3 });
  });

  it('a forged entry appended at the head with a correct bare hash', async () => {
    const seq = await appendForged(t);
    const result = await verify(t);
    expect(result.broken).toEqual({ seq, position: 11, reason: expect.stringMatching(/altered or forged/) });
    expect(result.sealed).toBe(10);
  });

  it('a forged entry left for the sealer to pick up: it refuses it, and verification names it', async () => {
    const seq = await asIntruder(t, async (su) => {
      const e = await entryRow(su, 1);
      const { rows } = await su.query<{ seq: string }>(`select nextval('audit_log_seq_seq') as seq`);
      const forged = { ...e, seq: Number(rows[0]!.seq), at: new Date(), action: 'identity:read' };
      await su.query(
        `insert into audit_log (seq, at, action, outcome, mac) values ($1, $2, 'identity:read', $3, $4)`,
        // A copy of a genuine entry's MAC: it covers the number and contents, so it does not fit.
        [forged.seq, forged.at, e.outcome, e.mac],
      );
      return forged.seq;
    });
    expect((await sealPending(t.database.pool, t.deps.keys)).refused).toEqual([seq]);
    expect((await verify(t)).broken).toEqual({
      seq,
      position: null,
      reason: expect.stringMatching(/outside the chain/),
    });
  });

  it('a link inserted outside the chain (position 0)', async () => {
    await asIntruder(t, (su) =>
      su.query(`insert into audit_chain (position, entry_seq, horizon, mac) values (0, 999, '1'::xid8, 'x')`),
    );
    expect((await verify(t)).broken).toEqual({
      seq: 999,
      position: 0,
      reason: expect.stringMatching(/outside the chain/),
    });
  });

  it('an entry inserted behind the sealer (below its horizon) with a genuine entry copied', async () => {
    await asIntruder(t, async (su) => {
      await su.query('alter table audit_log drop constraint audit_log_pkey');
      await su.query(
        `insert into audit_log select * from audit_log where seq = (select entry_seq from audit_chain where position = 2)`,
      );
    });
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.broken?.reason).toMatch(/appears twice|outside the chain/);
  });

  it('the tail deleted (entries and links) after the last checkpoint is not noticed, before it is', async () => {
    await asIntruder(t, async (su) => {
      await su.query('delete from audit_log where seq in (select entry_seq from audit_chain where position > 8)');
      await su.query('delete from audit_chain where position > 8');
    });
    // SECURITY (documented): a tail cut after the last checkpoint is invisible to the chain alone.
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 8 });
    const [{ entry_seq }] = (await superQuery(t, 'select entry_seq from audit_chain where position = 6')) as [
      { entry_seq: string },
    ];
    await asIntruder(t, async (su) => {
      await su.query('delete from audit_log where seq in (select entry_seq from audit_chain where position > 4)');
      await su.query('delete from audit_chain where position > 4');
    });
    expect((await verify(t)).broken).toEqual({
      seq: Number(entry_seq),
      position: 5,
      reason: expect.stringMatching(/chain positions 5–6 are missing/),
    });
  });

  it('a deleted middle link', async () => {
    await asIntruder(t, (su) => su.query('delete from audit_chain where position = 7'));
    expect((await verify(t)).broken).toMatchObject({
      position: 7,
      reason: expect.stringMatching(/position 7 is missing/),
    });
  });

  it('a sealed entry deleted from the log', async () => {
    const [{ entry_seq }] = (await superQuery(t, 'select entry_seq from audit_chain where position = 9')) as [
      { entry_seq: string },
    ];
    await asIntruder(t, (su) => su.query('delete from audit_log where seq = $1', [entry_seq]));
    expect((await verify(t)).broken).toEqual({
      seq: Number(entry_seq),
      position: 9,
      reason: expect.stringMatching(/missing from the log/),
    });
  });

  it('an edited checkpoint file: a changed line, an unreadable line, a checkpoint signed with another key', async () => {
    const file = t.config.auditCheckpointFile;
    const genuine = await readFile(file, 'utf8');
    const line = JSON.parse(genuine.trim());
    await writeFile(file, JSON.stringify({ ...line, position: 4 }) + '\n');
    expect((await verify(t)).broken).toMatchObject({ reason: expect.stringMatching(/bad signature/) });
    await writeFile(file, genuine + '{"at": "broken\n');
    expect((await verify(t)).broken).toMatchObject({ reason: expect.stringMatching(/line 2 of the checkpoint file/) });
    await writeFile(file, genuine);
    expect((await verify(t)).ok).toBe(true);
  });

  it('a checkpoint file deleted together with the tail is caught by the copy', async () => {
    await t.close();
    const copyDir = await mkdtemp(path.join(tmpdir(), 'utvag-copy-'));
    const copy = path.join(copyDir, 'checkpoints.jsonl');
    t = await createTestEnv({ UTVAG_AUDIT_CHECKPOINT_COPY: copy });
    onTestFinished(() => rm(copyDir, { recursive: true, force: true }));
    await appendEntries(t, 5);
    await sealAll(t);
    await checkpoint(t);
    expect((await readFile(copy, 'utf8')).trim()).toBe((await readFile(t.config.auditCheckpointFile, 'utf8')).trim());
    await asIntruder(t, async (su) => {
      await su.query('delete from audit_log where seq in (select entry_seq from audit_chain where position > 2)');
      await su.query('delete from audit_chain where position > 2');
    });
    await rm(t.config.auditCheckpointFile);
    expect((await verify(t)).broken).toMatchObject({
      position: 3,
      reason: expect.stringMatching(/positions 3–5 are missing/),
    });
  });

  it('the periodic checkpoint refuses to sign a head it cannot verify from the last checkpoint', async () => {
    const lines = (await readFile(t.config.auditCheckpointFile, 'utf8')).trim().split('\n');
    await editAndRecompute(t, 9);
    const result = await checkpoint(t);
    expect(result.signed).toBeNull();
    expect(result.broken).toMatchObject({ position: 9 });
    expect((await readFile(t.config.auditCheckpointFile, 'utf8')).trim().split('\n')).toEqual(lines);
  });

  it('`./utvag audit verify` (the real CLI) exits 0 on a whole log and 1 naming the edited entry', async () => {
    const env = { DATABASE_URL: t.superuserUrl, UTVAG_DATA_DIR: t.dataDir };
    const whole = await runVerifyCli(env);
    expect(whole.stderr).not.toMatch(/BROKEN/);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/whole: 10 sealed entries, 0 entries waiting to be sealed, 1 checkpoint/);
    const seq = await editAndRecompute(t, 7);
    const edited = await runVerifyCli(env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(new RegExp(`BROKEN at entry ${seq}\\b.*altered or forged`));
  }, 60_000);
});

describe('entries not yet sealed', () => {
  let t: TestEnv;
  beforeEach(async () => {
    t = await createTestEnv();
  });
  afterEach(async () => t.close());

  it('are reported as waiting, and raise the alarm once older than the bound', async () => {
    await appendEntries(t, 3);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 0, pending: 3 });
    const later = new Date(Date.now() + PENDING_BOUND_MS + 60_000);
    expect((await verify(t, later)).broken).toMatchObject({ reason: expect.stringMatching(/waited .* to be sealed/) });
  });

  it('an unsealed entry copied under its own number (primary key dropped) is named', async () => {
    await appendEntries(t, 2);
    const [{ seq }] = (await superQuery(t, 'select max(seq)::int as seq from audit_log')) as [{ seq: number }];
    await asIntruder(t, async (su) => {
      await su.query('alter table audit_log drop constraint audit_log_pkey');
      await su.query('insert into audit_log select * from audit_log where seq = $1', [seq]);
    });
    expect((await verify(t)).broken).toEqual({ seq, position: null, reason: expect.stringMatching(/more than once/) });
  });

  it('an unsealed entry whose transaction ended before the last seal is an alarm', async () => {
    await appendEntries(t, 2);
    await sealAll(t);
    await appendEntries(t, 1);
    const [{ seq }] = (await superQuery(t, 'select max(seq)::int as seq from audit_log')) as [{ seq: number }];
    await asIntruder(t, (su) => su.query(`update audit_log set xid = '3'::xid8 where seq = $1`, [seq]));
    expect((await verify(t)).broken).toEqual({
      seq,
      position: null,
      reason: expect.stringMatching(/behind the sealer/),
    });
  });

  it('entries of decision 004 (bare hash chain) are sealed and still verified, with their old checkpoint', async () => {
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const fields = {
        seq,
        at: new Date(Math.floor(Date.now())),
        actorUserId: null,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'success',
        recordType: null,
        recordId: null,
        purpose: null,
        recipient: null,
        details: null,
      };
      const hash = chainHash(prev, fields);
      await su.query(
        `insert into audit_log (seq, at, action, outcome, prev_hash, hash) values ($1, $2, $3, $4, $5, $6)`,
        [seq, fields.at, fields.action, fields.outcome, prev, hash],
      );
      prev = hash;
    }
    await su.query(`select setval('audit_log_seq_seq', 3)`);
    await su.end();
    const v1 = { at: new Date().toISOString(), count: 3, headSeq: 3, headHash: prev };
    const mac = createHmac('sha256', t.deps.keys.auditCheckpoint)
      .update(JSON.stringify([v1.at, v1.count, v1.headSeq, v1.headHash]))
      .digest('hex');
    await mkdir(path.dirname(t.config.auditCheckpointFile), { recursive: true });
    await appendFile(t.config.auditCheckpointFile, JSON.stringify({ ...v1, mac }) + '\n');
    await appendEntries(t, 2);
    await sealAll(t);
    expect(await verify(t)).toMatchObject({ ok: true, sealed: 5, checkpoints: 1 });
    await asIntruder(t, (su2) => su2.query(`update audit_log set action = 'case:list' where seq = 2`));
    expect((await verify(t)).broken).toMatchObject({ seq: 2, reason: expect.stringMatching(/decision 004/) });
  });
});

describe('`./utvag audit verify` on a running embedded installation', () => {
  it('connects to the running embedded PostgreSQL through the data directory, while it runs', async () => {
    const { startEmbeddedPostgres } = await import('../src/db/embedded.ts');
    const { applyMigrations, openDatabase } = await import('../src/db/database.ts');
    const { prepareAppLogin } = await import('../src/db/app-login.ts');
    const { loadKeys } = await import('../src/modules/crypto/keys.ts');
    const { loadConfig } = await import('../src/config.ts');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'utvag-live-'));
    const server = await startEmbeddedPostgres(dataDir);
    try {
      await applyMigrations(server.url);
      const config = loadConfig({ UTVAG_DATA_DIR: dataDir });
      const { keys } = await loadKeys(config.masterKeyFile, true);
      const database = openDatabase(await prepareAppLogin(server.url, randomUUID()), 2);
      const env = { database, deps: { keys }, config, superuserUrl: server.url } as unknown as TestEnv;
      try {
        await appendEntries(env, 4);
        await sealAll(env);
        await checkpoint(env);
        // The old command could not open the data directory a running server holds.
        const live = await runVerifyCli({ UTVAG_DATA_DIR: dataDir });
        expect(live.stderr).toBe('');
        expect(live.stdout).toMatch(/running embedded PostgreSQL/);
        expect(live.code).toBe(0);
        const seq = await appendForged(env);
        const broken = await runVerifyCli({ UTVAG_DATA_DIR: dataDir });
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(new RegExp(`BROKEN at entry ${seq}\\b`));
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

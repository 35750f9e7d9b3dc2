import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { chainHash, GENESIS_HASH } from '../src/modules/audit/audit-chain.ts';
import { appendAudit } from '../src/modules/audit/audit.service.ts';
import { verifyAuditChain, writeCheckpoint } from '../src/modules/audit/audit-verify.ts';
import { keysFromMaster } from '../src/modules/crypto/keys.ts';
import { repoRoot } from '../src/runtime.ts';
import { createTestEnv, type TestEnv } from './harness.ts';

/** Appends `n` entries through the application's own path (app role, one transaction each). */
async function appendEntries(t: TestEnv, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await withTransaction(t.database.db, {}, (tx) =>
      appendAudit(tx, {
        actorUserId: randomUUID(),
        programmeId: i % 2 ? randomUUID() : null,
        action: i % 3 ? 'case:read' : 'auth:sign_in',
        recordType: 'case',
        recordId: randomUUID(),
        details: { n: i, flag: i % 2 === 0, note: null },
      }),
    );
  }
}

async function superuser(t: TestEnv): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.superuserUrl });
  await client.connect();
  return client;
}

/** As the superuser, with the append-only triggers switched off: what an intruder with DBA rights can do. */
async function tamper(t: TestEnv, statement: string, params: unknown[] = []): Promise<void> {
  const su = await superuser(t);
  try {
    await su.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await su.query(statement, params);
    await su.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  } finally {
    await su.end();
  }
}

const verify = (t: TestEnv) =>
  verifyAuditChain(t.database.pool, t.config.auditCheckpointFile, t.deps.keys.auditCheckpoint);
const checkpoint = (t: TestEnv) =>
  writeCheckpoint(t.database.pool, t.config.auditCheckpointFile, t.deps.keys.auditCheckpoint);

/** Runs the real `./utvag audit verify` entry point against this test's database and data directory. */
function runCli(t: TestEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('UTVAG_') && key !== 'DATABASE_URL') env[key] = value;
  env.DATABASE_URL = t.superuserUrl;
  env.UTVAG_DATA_DIR = t.dataDir;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'packages/server/src/cli/main.ts'), 'audit', 'verify'], {
      env,
      cwd: repoRoot,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the audit log is a hash chain the application cannot rewrite', () => {
  let t: TestEnv;
  beforeEach(async () => {
    t = await createTestEnv();
  });
  afterEach(async () => t.close());

  it('links every entry to the one before it with SHA-256 over the canonical encoding', async () => {
    await appendEntries(t, 5);
    const su = await superuser(t);
    const { rows } = await su.query('select * from audit_log order by seq');
    await su.end();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      const fields = {
        seq: Number(r.seq),
        at: r.at,
        actorUserId: r.actor_user_id,
        programmeId: r.programme_id,
        action: r.action,
        outcome: r.outcome,
        recordType: r.record_type,
        recordId: r.record_id,
        purpose: r.purpose,
        recipient: r.recipient,
        details: r.details,
      };
      expect(r.hash).toBe(chainHash(prev, fields));
      prev = r.hash;
    }
    expect(await verify(t)).toMatchObject({ ok: true, count: 5, headHash: prev });
  });

  it('hashes details written with an undefined value the same way they are stored', async () => {
    await withTransaction(t.database.db, {}, (tx) =>
      appendAudit(tx, {
        actorUserId: null,
        programmeId: null,
        action: 'auth:sign_in',
        details: { kept: 1, dropped: undefined as unknown as null },
      }),
    );
    expect((await verify(t)).ok).toBe(true);
  });

  it('keeps one unbroken order when many transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withTransaction(t.database.db, {}, (tx) =>
          appendAudit(tx, { actorUserId: null, programmeId: null, action: 'case:list' }),
        ),
      ),
    );
    expect(await verify(t)).toMatchObject({ ok: true, count: 20 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    await appendEntries(t, 2);
    const app = t.database.pool;
    expect((await app.query('select current_user as u')).rows[0].u).toBe('utvag_app');
    await expect(app.query(`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow(/permission denied/);
    await expect(app.query('delete from audit_log where seq = 2')).rejects.toThrow(/permission denied/);
    await expect(app.query('truncate audit_log')).rejects.toThrow(/permission denied/);
    expect(await verify(t)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the superuser while the triggers are on', async () => {
    await appendEntries(t, 2);
    const su = await superuser(t);
    try {
      await expect(su.query(`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
      await expect(su.query('delete from audit_log where seq = 2')).rejects.toThrow(/append-only/);
      await expect(su.query('truncate audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await su.end();
    }
    expect(await verify(t)).toMatchObject({ ok: true, count: 2 });
  });

  it('names the entry a superuser altered with the triggers disabled', async () => {
    await appendEntries(t, 6);
    await tamper(t, `update audit_log set action = 'case:list' where seq = 4`);
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual({ seq: 4, reason: expect.stringMatching(/entry 4 was altered/) });
  });

  it('names the entry whose hash was recomputed to hide an edit (the next link breaks)', async () => {
    await appendEntries(t, 6);
    const su = await superuser(t);
    const { rows } = await su.query('select * from audit_log where seq = 3');
    await su.end();
    const r = rows[0];
    const forged = {
      seq: 3,
      at: r.at,
      actorUserId: r.actor_user_id,
      programmeId: r.programme_id,
      action: 'case:list',
      outcome: r.outcome,
      recordType: r.record_type,
      recordId: r.record_id,
      purpose: r.purpose,
      recipient: r.recipient,
      details: r.details,
    };
    await tamper(t, `update audit_log set action = 'case:list', hash = $1 where seq = 3`, [
      chainHash(r.prev_hash, forged),
    ]);
    expect((await verify(t)).broken).toEqual({
      seq: 4,
      reason: expect.stringMatching(/entry 4 does not link to entry 3/),
    });
  });

  it('names the gap left by a deleted middle entry', async () => {
    await appendEntries(t, 6);
    await tamper(t, 'delete from audit_log where seq = 3');
    expect((await verify(t)).broken).toEqual({
      seq: 3,
      reason: expect.stringMatching(/entry 3 is missing.*from entry 2 to 4/),
    });
  });

  it('detects a tail cut off after a checkpoint, naming the first missing entry', async () => {
    await appendEntries(t, 8);
    await checkpoint(t);
    expect(await verify(t)).toMatchObject({ ok: true, count: 8, checkpoints: 1 });
    await tamper(t, 'delete from audit_log where seq >= 6');
    const result = await verify(t);
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual({ seq: 6, reason: expect.stringMatching(/entries 6–8 are missing/) });
  });

  it('detects a tail cut off and regrown with new entries after a checkpoint', async () => {
    await appendEntries(t, 5);
    await checkpoint(t);
    await tamper(t, 'delete from audit_log where seq >= 4');
    await appendEntries(t, 3);
    expect((await verify(t)).broken).toEqual({
      seq: 5,
      reason: expect.stringMatching(/entry 5 differs from the checkpoint/),
    });
  });

  it('detects a forged checkpoint line (bad MAC)', async () => {
    await appendEntries(t, 3);
    await checkpoint(t);
    const lines = (await readFile(t.config.auditCheckpointFile, 'utf8')).trim().split('\n');
    const genuine = JSON.parse(lines[0]!);
    // An attacker without the key claims the log was shorter, so a later cut would go unnoticed.
    await appendFile(t.config.auditCheckpointFile, JSON.stringify({ ...genuine, count: 2, headSeq: 2 }) + '\n');
    expect((await verify(t)).broken).toEqual({ seq: 2, reason: expect.stringMatching(/bad signature/) });
  });

  it('rejects a checkpoint signed with another key', async () => {
    await appendEntries(t, 3);
    const otherKey = keysFromMaster(Buffer.alloc(32, 7)).auditCheckpoint;
    await writeCheckpoint(t.database.pool, t.config.auditCheckpointFile, otherKey);
    expect((await verify(t)).broken).toMatchObject({ seq: 3, reason: expect.stringMatching(/bad signature/) });
  });

  it('treats an unreadable line in the checkpoint file as tampering, not as absent', async () => {
    await appendEntries(t, 2);
    await checkpoint(t);
    await appendFile(t.config.auditCheckpointFile, '{"at": "broken\n');
    expect((await verify(t)).broken).toMatchObject({ reason: expect.stringMatching(/line 2 of the checkpoint file/) });
  });

  it('`audit verify` exits 0 on a whole log and 1 naming the broken entry after tampering', async () => {
    await appendEntries(t, 5);
    await checkpoint(t);
    const whole = await runCli(t);
    expect(whole.stderr).not.toMatch(/BROKEN/);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/whole: 5 entries, 1 checkpoint/);

    await tamper(t, `update audit_log set outcome = 'failure' where seq = 2`);
    const altered = await runCli(t);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toMatch(/BROKEN at entry 2\b/);

    await tamper(t, `update audit_log set outcome = 'success' where seq = 2`);
    await tamper(t, 'delete from audit_log where seq >= 4');
    const cut = await runCli(t);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/BROKEN at entry 4\b/);
  }, 90_000);
});

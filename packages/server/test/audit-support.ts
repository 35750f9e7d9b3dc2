import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { AuditAction } from '@utvag/domain';
import { checkpointDestinations } from '../src/config.ts';
import { withTransaction } from '../src/db/database.ts';
import { canonicalEncoding, storedEntry, type EntryRow, ENTRY_COLUMNS } from '../src/modules/audit/audit-chain.ts';
import { sealPending } from '../src/modules/audit/audit-sealer.ts';
import { appendAudit } from '../src/modules/audit/audit.service.ts';
import { signVerifiedHead, verifyAuditLog } from '../src/modules/audit/audit-verify.ts';
import { repoRoot } from '../src/runtime.ts';
import type { TestEnv } from './harness.ts';

type Env = Pick<TestEnv, 'database' | 'deps' | 'config' | 'superuserUrl'>;

/** Appends `n` entries through the application's own path (app role, one transaction each). */
export async function appendEntries(t: Env, n: number, action: AuditAction = 'case:read'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await withTransaction(t.database.db, {}, (tx) =>
      appendAudit(tx, t.deps.keys, {
        actorUserId: randomUUID(),
        programmeId: i % 2 ? randomUUID() : null,
        action: i % 3 ? action : 'auth:sign_in',
        recordType: 'case',
        recordId: randomUUID(),
        details: { n: i, flag: i % 2 === 0, note: null },
      }),
    );
  }
}

/** Seals until nothing is left that the sealer may take. */
export async function sealAll(t: Env): Promise<number> {
  let total = 0;
  for (;;) {
    const { sealed } = await sealPending(t.database.pool, t.deps.keys);
    if (sealed === 0) return total;
    total += sealed;
  }
}

export const verify = (t: Env, now?: Date) =>
  verifyAuditLog(t.database.pool, t.deps.keys, checkpointDestinations(t.config), now);
export const checkpoint = (t: Env) => signVerifiedHead(t.database.pool, t.deps.keys, checkpointDestinations(t.config));

/**
 * Runs statements as the superuser with the append-only triggers bypassed
 * (session_replication_role = replica): what an intruder with DBA rights, but without the
 * master key, can do.
 */
export async function asIntruder<T>(t: Pick<Env, 'superuserUrl'>, fn: (su: pg.Client) => Promise<T>): Promise<T> {
  const su = new pg.Client({ connectionString: t.superuserUrl });
  await su.connect();
  try {
    await su.query('set session_replication_role = replica');
    return await fn(su);
  } finally {
    await su.end();
  }
}

/** What an intruder without the key would compute: bare SHA-256 where the application uses HMAC. */
export const bare = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

export async function entryRow(su: pg.Client, seq: number) {
  const { rows } = await su.query<EntryRow>(`select ${ENTRY_COLUMNS} from audit_log e where seq = $1`, [seq]);
  return storedEntry(rows[0]!);
}

/** The sealed entries' numbers in chain order. */
export async function chainSeqs(su: pg.Client): Promise<number[]> {
  const { rows } = await su.query<{ entry_seq: string }>('select entry_seq from audit_chain order by position');
  return rows.map((r) => Number(r.entry_seq));
}

/**
 * Edits a sealed entry and recomputes its MAC and every later link with bare SHA-256, as an
 * intruder who lacks the key would; returns the edited entry's number.
 */
export async function editAndRecompute(t: Env, position: number): Promise<number> {
  return asIntruder(t, async (su) => {
    const seqs = await chainSeqs(su);
    const seq = seqs[position - 1]!;
    const entry = await entryRow(su, seq);
    const forged = { ...entry, action: 'case:list' };
    const mac = bare(canonicalEncoding(forged));
    await su.query(`update audit_log set action = 'case:list', mac = $1 where seq = $2`, [mac, seq]);
    const { rows } = await su.query<{ mac: string }>('select mac from audit_chain where position = $1', [position - 1]);
    let prev = rows[0]?.mac ?? '0'.repeat(64);
    for (let p = position; p <= seqs.length; p++) {
      const e = await entryRow(su, seqs[p - 1]!);
      prev = bare(prev, p, e.seq, e.mac);
      await su.query('update audit_chain set mac = $1 where position = $2', [prev, p]);
    }
    return seq;
  });
}

/** Appends a forged "coach read an identity" entry at the head, sealed with a correct bare hash. */
export async function appendForged(t: Env): Promise<number> {
  return asIntruder(t, async (su) => {
    const { rows: head } = await su.query<{ position: string; mac: string; horizon: string }>(
      'select position, mac, horizon::text as horizon from audit_chain order by position desc limit 1',
    );
    const { rows: next } = await su.query<{ seq: string }>(`select nextval('audit_log_seq_seq') as seq`);
    const seq = Number(next[0]!.seq);
    const fields = {
      seq,
      at: new Date(),
      actorUserId: randomUUID(),
      programmeId: randomUUID(),
      action: 'identity:read',
      outcome: 'success',
      recordType: 'case',
      recordId: randomUUID(),
      purpose: null,
      recipient: null,
      details: null,
    };
    const mac = bare(canonicalEncoding(fields));
    await su.query(
      `insert into audit_log (seq, at, actor_user_id, programme_id, action, outcome, record_type, record_id, mac)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        seq,
        fields.at,
        fields.actorUserId,
        fields.programmeId,
        fields.action,
        fields.outcome,
        fields.recordType,
        fields.recordId,
        mac,
      ],
    );
    const position = Number(head[0]!.position) + 1;
    await su.query('insert into audit_chain (position, entry_seq, horizon, mac) values ($1, $2, $3::xid8, $4)', [
      position,
      seq,
      head[0]!.horizon,
      bare(head[0]!.mac, position, seq, mac),
    ]);
    return seq;
  });
}

/** Runs the real `./utvag audit verify` as a child process with the given environment. */
export function runVerifyCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('UTVAG_') && key !== 'DATABASE_URL') childEnv[key] = value;
  Object.assign(childEnv, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'packages/server/src/cli/main.ts'), 'audit', 'verify'], {
      env: childEnv,
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

import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';

/** A signed statement, kept outside the database, of how long the chain was and how it ended. */
export type Checkpoint = { at: string; count: number; headSeq: number; headHash: string; mac: string };

export type VerifyResult = {
  ok: boolean;
  count: number;
  headHash: string;
  checkpoints: number;
  broken?: { seq: number; reason: string };
};

function checkpointMac(key: Buffer, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([c.at, c.count, c.headSeq, c.headHash]))
    .digest('hex');
}

type CheckpointLine = { line: number; checkpoint: Checkpoint | null };

function isCheckpoint(value: unknown): value is Checkpoint {
  const c = value as Partial<Checkpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.at === 'string' &&
    Number.isSafeInteger(c.count) &&
    Number.isSafeInteger(c.headSeq) &&
    (c.headSeq ?? -1) >= 0 &&
    typeof c.headHash === 'string' &&
    typeof c.mac === 'string'
  );
}

/** Every non-empty line of the checkpoint file; an unreadable line is kept as null, not skipped. */
async function readCheckpoints(file: string): Promise<CheckpointLine[]> {
  if (!existsSync(file)) return [];
  const text = await readFile(file, 'utf8');
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    lines.push({ line: index + 1, checkpoint: isCheckpoint(parsed) ? parsed : null });
  });
  return lines;
}

type Row = {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  programme_id: string | null;
  action: string;
  outcome: string;
  record_type: string | null;
  record_id: string | null;
  purpose: string | null;
  recipient: string | null;
  details: ChainedFields['details'];
  prev_hash: string;
  hash: string;
};

const PAGE = 5000;

/**
 * Walks the whole chain in order, recomputing every hash, then checks each signed checkpoint
 * against it: an edited entry, a removed entry, or a cut-off tail each name the first broken seq.
 */
export async function verifyAuditChain(
  client: pg.Pool | pg.Client,
  checkpointFile: string,
  key: Buffer,
): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const hashesAt = new Map<number, string>();
  const checkpoints = await readCheckpoints(checkpointFile);
  const wanted = new Set(checkpoints.flatMap((c) => (c.checkpoint ? [c.checkpoint.headSeq] : [])));
  let broken: VerifyResult['broken'];
  for (;;) {
    const { rows } = await client.query<Row>('select * from audit_log where seq >= $1 order by seq limit $2', [
      expectedSeq,
      PAGE,
    ]);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        const gap =
          expectedSeq === 1
            ? `the log starts at entry ${seq}`
            : `the log jumps from entry ${expectedSeq - 1} to ${seq}`;
        broken = { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (${gap})` };
        break;
      }
      const fields: ChainedFields = {
        seq,
        at: row.at,
        actorUserId: row.actor_user_id,
        programmeId: row.programme_id,
        action: row.action,
        outcome: row.outcome,
        recordType: row.record_type,
        recordId: row.record_id,
        purpose: row.purpose,
        recipient: row.recipient,
        details: row.details,
      };
      if (row.prev_hash !== prevHash) {
        broken = { seq, reason: `entry ${seq} does not link to entry ${seq - 1}` };
        break;
      }
      if (chainHash(prevHash, fields) !== row.hash) {
        broken = { seq, reason: `entry ${seq} was altered (its hash does not match its contents)` };
        break;
      }
      prevHash = row.hash;
      if (wanted.has(seq)) hashesAt.set(seq, row.hash);
      count += 1;
      expectedSeq += 1;
    }
    if (broken || rows.length < PAGE) break;
  }
  if (!broken) {
    for (const { line, checkpoint: c } of checkpoints) {
      // SECURITY: an unreadable line is itself tampering with the checkpoint file; never skip it.
      if (!c) {
        broken = {
          seq: count + 1,
          reason: `line ${line} of the checkpoint file ${checkpointFile} is not a valid checkpoint`,
        };
        break;
      }
      const mac = checkpointMac(key, c);
      if (mac.length !== c.mac.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(c.mac))) {
        broken = {
          seq: c.headSeq,
          reason: `the checkpoint of ${c.at} (line ${line}) has a bad signature: it was forged or signed with another key`,
        };
        break;
      }
      if (c.headSeq > count) {
        broken = {
          seq: count + 1,
          reason: `entries ${count + 1}–${c.headSeq} are missing: the log ends at entry ${count} but the checkpoint of ${c.at} saw ${c.headSeq}`,
        };
        break;
      }
      if (c.headSeq > 0 && hashesAt.get(c.headSeq) !== c.headHash) {
        broken = {
          seq: c.headSeq,
          reason: `entry ${c.headSeq} differs from the checkpoint of ${c.at}: the log was rewritten after it`,
        };
        break;
      }
    }
  }
  return { ok: !broken, count, headHash: prevHash, checkpoints: checkpoints.length, ...(broken ? { broken } : {}) };
}

/**
 * Appends a signed checkpoint to the file outside the database: of `head` (the head a
 * verification just proved) when given, else of the chain's current head.
 */
export async function writeCheckpoint(
  client: pg.Pool | pg.Client,
  checkpointFile: string,
  key: Buffer,
  head?: { seq: number; hash: string },
): Promise<Checkpoint> {
  let headSeq = head?.seq ?? 0;
  let headHash = head?.hash ?? GENESIS_HASH;
  if (!head) {
    const { rows } = await client.query<{ seq: string; hash: string }>(
      'select seq, hash from audit_log order by seq desc limit 1',
    );
    if (rows[0]) {
      headSeq = Number(rows[0].seq);
      headHash = rows[0].hash;
    }
  }
  const body = { at: new Date().toISOString(), count: headSeq, headSeq, headHash };
  const checkpoint: Checkpoint = { ...body, mac: checkpointMac(key, body) };
  await mkdir(path.dirname(checkpointFile), { recursive: true, mode: 0o700 });
  await appendFile(checkpointFile, JSON.stringify(checkpoint) + '\n', { mode: 0o600 });
  return checkpoint;
}

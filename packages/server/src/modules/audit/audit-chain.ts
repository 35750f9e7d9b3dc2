import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The fields of an audit entry that its MAC (and the chain) covers, in their canonical order. */
export type ChainedFields = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  programmeId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  recipient: string | null;
  details: Record<string, string | number | boolean | null> | null;
};

/** What the first link of the chain (and of the bare chain of decision 004) links to. */
export const GENESIS_HASH = '0'.repeat(64);

function canonicalDetails(details: ChainedFields['details']): [string, unknown][] | null {
  if (!details) return null;
  // An undefined value is dropped when the details are stored as JSON, so it must not be hashed
  // either: otherwise an entry written with `{ key: undefined }` could never verify.
  return Object.keys(details)
    .filter((key) => details[key] !== undefined)
    .sort()
    .map((key) => [key, details[key]]);
}

/**
 * Canonical encoding: a JSON array with a fixed field order and sorted detail keys, so the
 * same entry always encodes to the same bytes whatever the driver returns.
 */
export function canonicalEncoding(entry: ChainedFields): string {
  return JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actorUserId,
    entry.programmeId,
    entry.action,
    entry.outcome,
    entry.recordType,
    entry.recordId,
    entry.purpose,
    entry.recipient,
    canonicalDetails(entry.details),
  ]);
}

/** Decision 004's bare SHA-256 link, still used to check entries written before 008. */
export function chainHash(prevHash: string, entry: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEncoding(entry)).digest('hex');
}

/**
 * The MAC an entry is written with, in the request's own transaction. SECURITY: keyed, and
 * the entry's number is part of it, so without the key nobody can write, copy or edit an entry
 * that the sealer will accept.
 */
export function entryMac(key: Buffer, entry: ChainedFields): string {
  return createHmac('sha256', key).update('utvag audit entry\n').update(canonicalEncoding(entry)).digest('hex');
}

/** One link of the sealed chain: binds a position to an entry (by its digest) and to the link before. */
export function linkMac(key: Buffer, prevMac: string, position: number, entrySeq: number, digest: string): string {
  return createHmac('sha256', key)
    .update('utvag audit link\n')
    .update(JSON.stringify([prevMac, position, entrySeq, digest]))
    .digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A stored entry as the sealer and the verifier read it. */
export type StoredEntry = ChainedFields & {
  mac: string | null;
  xid: string;
  prevHash: string | null;
  hash: string | null;
};

/**
 * The digest the chain binds for an entry, or why the entry cannot be trusted. An entry of 008
 * must carry its valid MAC; one written before 008 (no MAC) must match its own bare hash.
 */
export function entryDigest(key: Buffer, entry: StoredEntry): { digest: string } | { problem: string } {
  if (entry.mac !== null) {
    const expected = entryMac(key, entry);
    return sameMac(entry.mac, expected)
      ? { digest: expected }
      : { problem: `entry ${entry.seq} was altered or forged (its MAC does not match its contents)` };
  }
  if (entry.prevHash !== null && entry.hash !== null) {
    const expected = chainHash(entry.prevHash, entry);
    return sameMac(entry.hash, expected)
      ? { digest: expected }
      : { problem: `entry ${entry.seq} was altered (its hash of decision 004 does not match its contents)` };
  }
  return { problem: `entry ${entry.seq} carries no MAC: it was not written by the application` };
}

/** A row of audit_log as node-postgres returns it. */
export type EntryRow = {
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
  mac: string | null;
  xid: string;
  prev_hash: string | null;
  hash: string | null;
};

export function storedEntry(row: EntryRow): StoredEntry {
  return {
    seq: Number(row.seq),
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
    mac: row.mac,
    xid: row.xid,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The columns of audit_log the sealer and the verifier read (xid as text: it is a 64-bit id). */
export const ENTRY_COLUMNS =
  'e.seq, e.at, e.actor_user_id, e.programme_id, e.action, e.outcome, e.record_type, e.record_id, e.purpose, e.recipient, e.details, e.mac, e.xid::text as xid, e.prev_hash, e.hash';

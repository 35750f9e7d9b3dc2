import { createHash } from 'node:crypto';

/** The fields of an audit entry that the hash chain covers, in their canonical order. */
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

/** The hash the first entry links to. */
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

/** SHA-256 over the previous hash and this entry's canonical encoding. */
export function chainHash(prevHash: string, entry: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEncoding(entry)).digest('hex');
}

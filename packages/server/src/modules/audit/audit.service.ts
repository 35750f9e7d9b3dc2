import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { auditLog } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';

/** What a caller states about an audited event. Never personal data: ids and codes only. */
export type AuditEvent = {
  actorUserId: string | null;
  programmeId: string | null;
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  recordType?: string | null;
  recordId?: string | null;
  /** The justification, where the law asks for one (consultation, disclosure). */
  purpose?: string | null;
  /** The receiving organisation, for disclosures. */
  recipient?: string | null;
  details?: Record<string, string | number | boolean | null> | null;
};

// Any constant shared by every instance: serialises appends so the chain has one order.
const AUDIT_LOCK_KEY = 0x75747667;

/**
 * Appends one entry to the hash-chained log inside the caller's transaction, so the entry
 * commits or rolls back with the action it records.
 */
export async function appendAudit(tx: Tx, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const seq = (last?.seq ?? 0) + 1;
  // Millisecond precision: what PostgreSQL stores is exactly what was hashed.
  const at = new Date(Math.floor(Date.now()));
  const fields: ChainedFields = {
    seq,
    at,
    actorUserId: event.actorUserId,
    programmeId: event.programmeId,
    action: event.action,
    outcome: event.outcome ?? 'success',
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    purpose: event.purpose ?? null,
    recipient: event.recipient ?? null,
    details: event.details ?? null,
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: chainHash(prevHash, fields) });
}

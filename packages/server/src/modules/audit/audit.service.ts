import { can, programmeOf } from '@utvag/domain';
import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { auditLog } from '../../db/schema.ts';
import type { AuditEvent, ServiceContext } from '../../service-context.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain.ts';
import { refusal } from './audit-refusal.ts';
import { presentAuditEntry, presentVerifyResult } from './audit.presenter.ts';
import { searchAuditEntries } from './audit.repository.ts';
import type { AuditEntriesQuery } from './audit.schemas.ts';
import { verifyAuditChain, writeCheckpoint } from './audit-verify.ts';

export type { AuditEvent };

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

// ---- The auditor's review ----------------------------------------------------------------------

/** Search the log as the actor's programme sees it (see `searchAuditEntries`); the search is logged. */
export async function searchEntries(ctx: ServiceContext, query: AuditEntriesQuery) {
  const programme = programmeOf(ctx.actor);
  if (!can(ctx.actor, 'audit:search', programme)) throw refusal(ctx, 'forbidden', { action: 'audit:search' });
  const rows = await searchAuditEntries(ctx.tx, ctx.actor.programmeId, query);
  await ctx.audit({
    action: 'audit:search',
    recordType: query.recordId ? 'audit_filter' : null,
    // SECURITY: the filters are ids and dates only (see auditRecordId), never free text.
    details: {
      userId: query.userId ?? null,
      recordId: query.recordId ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      results: rows.length,
    },
  });
  return rows.map(presentAuditEntry);
}

/**
 * Verify the whole chain and its checkpoints; when whole, sign a new checkpoint of exactly the
 * head that was verified. The verification and its outcome are logged.
 */
export async function verifyChain(ctx: ServiceContext) {
  const programme = programmeOf(ctx.actor);
  if (!can(ctx.actor, 'audit:verify', programme)) throw refusal(ctx, 'forbidden', { action: 'audit:verify' });
  const { database, config, keys } = ctx.deps;
  const result = await verifyAuditChain(database.pool, config.auditCheckpointFile, keys.auditCheckpoint);
  if (result.ok) {
    await writeCheckpoint(database.pool, config.auditCheckpointFile, keys.auditCheckpoint, {
      seq: result.count,
      hash: result.headHash,
    });
  }
  await ctx.audit({
    action: 'audit:verify',
    outcome: result.ok ? 'success' : 'failure',
    details: { entries: result.count, brokenSeq: result.broken?.seq ?? null },
  });
  return presentVerifyResult(result);
}

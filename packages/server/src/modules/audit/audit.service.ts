import { can, programmeOf } from '@utvag/domain';
import { z } from 'zod';
import { checkpointDestinations } from '../../config.ts';
import type { Tx } from '../../db/database.ts';
import type { AuditEvent, Keys, ServiceContext } from '../../service-context.ts';
import { entryMac, type ChainedFields } from './audit-chain.ts';
import { refusal } from './audit-refusal.ts';
import { presentAuditEntry, presentVerifyResult } from './audit.presenter.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import { insertAuditEntries, nextAuditSeqs, searchAuditEntries, type AuditListKey } from './audit.repository.ts';
import type { AuditEntriesQuery } from './audit.schemas.ts';
import { signVerifiedHead, verifyAuditLog } from './audit-verify.ts';

export type { AuditEvent };

/**
 * Writes one entry inside the caller's transaction, so the entry commits or rolls back with the
 * action it records. No lock and no read of the chain: the entry carries its own MAC, and the
 * sealer appends it to the keyed chain once this transaction has ended (decision 008).
 */
export async function appendAudit(tx: Tx, keys: Pick<Keys, 'auditChain'>, event: AuditEvent): Promise<void> {
  await appendAuditEntries(tx, keys, [event]);
}

/**
 * Writes several entries inside the caller's transaction, in the order given (ascending seq), in
 * two statements whatever their number: one for the numbers, one multi-row insert. Each entry
 * has its own number and MAC exactly as `appendAudit` would write it (decision 018).
 */
export async function appendAuditEntries(
  tx: Tx,
  keys: Pick<Keys, 'auditChain'>,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // The numbers are taken first because the MAC covers them: a copied entry cannot pass as another.
  const seqs = await nextAuditSeqs(tx, events.length);
  // Millisecond precision: what PostgreSQL stores is exactly what the MAC covers.
  const at = new Date(Math.floor(Date.now()));
  const entries = events.map((event, i) => {
    const fields: ChainedFields = {
      seq: seqs[i]!,
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
    return { fields, mac: entryMac(keys.auditChain, fields) };
  });
  await insertAuditEntries(tx, entries);
}

// ---- The auditor's review ----------------------------------------------------------------------

/** The key of an audit-search cursor: the last entry's seq. */
const auditListKey = z.tuple([z.number().int().positive()]);

/**
 * A page of the log as the actor's programme sees it (see `searchAuditEntries`), newest first;
 * the search is logged, each page on its own.
 */
export async function searchEntries(ctx: ServiceContext, query: AuditEntriesQuery) {
  const programme = programmeOf(ctx.actor);
  if (!can(ctx.actor, 'audit:search', programme)) throw refusal(ctx, 'forbidden', { action: 'audit:search' });
  const filter = { userId: query.userId, recordId: query.recordId, from: query.from, to: query.to };
  const page = await keysetPage(
    ctx,
    {
      list: 'audit-entries',
      key: auditListKey,
      fetch: (after, limit) => searchAuditEntries(ctx.tx, ctx.actor.programmeId, filter, { after, limit }),
      keyOf: (row): AuditListKey => [row.seq],
    },
    query,
  );
  await ctx.audit({
    action: 'audit:search',
    recordType: query.recordId ? 'audit_filter' : null,
    // SECURITY: the filters are ids and dates only (see auditRecordId), never free text.
    details: {
      userId: query.userId ?? null,
      recordId: query.recordId ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      results: page.items.length,
      ...(query.cursor ? { continued: true } : {}),
    },
  });
  return { entries: page.items.map(({ row }) => presentAuditEntry(row)), next: page.next };
}

/**
 * Verify the whole log and its checkpoints; when whole, sign a checkpoint of exactly the head
 * that was verified. The verification and its outcome are logged.
 */
export async function verifyChain(ctx: ServiceContext) {
  const programme = programmeOf(ctx.actor);
  if (!can(ctx.actor, 'audit:verify', programme)) throw refusal(ctx, 'forbidden', { action: 'audit:verify' });
  const { database, config, keys } = ctx.deps;
  const destinations = checkpointDestinations(config);
  const result = await verifyAuditLog(database.pool, keys, destinations);
  if (result.ok) await signVerifiedHead(database.pool, keys, destinations, result.head);
  await ctx.audit({
    action: 'audit:verify',
    outcome: result.ok ? 'success' : 'failure',
    details: {
      entries: result.sealed,
      pending: result.pending,
      brokenSeq: result.broken?.seq ?? null,
      brokenPosition: result.broken?.position ?? null,
    },
  });
  return presentVerifyResult(result);
}

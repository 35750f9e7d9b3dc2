import type { AuditEntryRow } from './audit.repository.ts';
import type { AuditEntryView } from './audit.schemas.ts';
import type { VerifyResult } from './audit-verify.ts';

/** The fields of an entry that leave the server; `details`, hashes and links stay inside. */
export function presentAuditEntry(row: AuditEntryRow): AuditEntryView {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actorId ? { id: row.actorId, username: row.actorUsername ?? '(removed user)' } : null,
    programmeId: row.programmeId,
    action: row.action,
    outcome: row.outcome,
    recordType: row.recordType,
    recordId: row.recordId,
    purpose: row.purpose,
    recipient: row.recipient,
  };
}

/** A verification's answer. */
export function presentVerifyResult(result: VerifyResult) {
  return {
    ok: result.ok,
    count: result.count,
    headHash: result.headHash,
    checkpoints: result.checkpoints,
    ...(result.broken ? { broken: { seq: result.broken.seq, reason: result.broken.reason } } : {}),
  };
}

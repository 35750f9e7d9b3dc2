import type { AuditEntryRow } from './audit.repository.ts';
import type { AuditEntryView, AuditVerifyView } from './audit.schemas.ts';
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

/** A verification's answer: the same facts `./utvag audit verify` prints. */
export function presentVerifyResult(result: VerifyResult): AuditVerifyView {
  return {
    ok: result.ok,
    sealed: result.sealed,
    pending: result.pending,
    head: result.head ? { position: result.head.position, entrySeq: result.head.entrySeq, mac: result.head.mac } : null,
    checkpoints: result.checkpoints,
    ...(result.broken ? { broken: { ...result.broken } } : {}),
  };
}

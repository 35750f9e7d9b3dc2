import type { Action, OrganisationKind, ProgrammeRef, Role } from '../lib/domain.ts';

/** An organisation. */
export type Organisation = { id: string; name: string; kind: OrganisationKind };

/** A user as the administrator sees it. */
export type AdminUser = {
  id: string;
  username: string;
  displayName: string;
  organisation: Organisation;
  roles: Role[];
  status: 'invited' | 'active' | 'deactivated';
  secondFactors: ('passkey' | 'totp')[];
};

/** A one-time enrolment link for the administrator to hand over. */
export type EnrolmentLink = { enrolmentUrl: string; expiresAt: string };

/** A programme as the administrator sees it. */
export type AdminProgramme = ProgrammeRef & {
  requirePhishingResistant: boolean;
};

/** A case in the list. */
export type CaseSummary = {
  id: string;
  code: string;
  state: string;
  abilities: Action[];
};

/** One access-log entry. */
export type AuditEntry = {
  seq: number;
  at: string;
  actor: { id: string; username: string } | null;
  programmeId: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  recipient: string | null;
};

/** POST /api/v1/audit/verify */
export type AuditVerifyResult = {
  ok: boolean;
  /** Entries in the keyed chain, verified. */
  sealed: number;
  /** Entries written but not yet sealed (checked for plausibility). */
  pending: number;
  head: { position: number; entrySeq: number; mac: string } | null;
  checkpoints: number;
  broken?: { seq: number | null; position: number | null; reason: string };
};

import type { AdminUserView, OrganisationKind, ProgrammeRef, Role } from '../lib/domain.ts';

/** An organisation. */
export type Organisation = { id: string; name: string; kind: OrganisationKind };

/** A user as the administrator sees it (the contract's `adminUserView`). */
export type AdminUser = AdminUserView;

/** The answer to an invitation: a link only when no role waits for a coordinator's confirmation. */
export type InviteResult = { user: AdminUser; awaitingConfirmation: boolean } & Partial<EnrolmentLink>;

/** How a link reached its user: shown here (with the link), e-mailed to them, or not needed. */
export type LinkDelivery = { delivery: 'shown' | 'email' | 'none' } & Partial<EnrolmentLink>;

/** A case-reading role an administrator asked for, as the confirming coordinator sees it. */
export type PendingMember = {
  userId: string;
  username: string;
  displayName: string;
  email: string | null;
  status: 'invited' | 'active' | 'deactivated';
  organisation: string;
  roles: Role[];
  requestedBy: string;
  requestedAt: string;
};

/** A one-time enrolment link for the administrator to hand over. */
export type EnrolmentLink = { enrolmentUrl: string; expiresAt: string };

/** A programme as the administrator sees it. */
export type AdminProgramme = ProgrammeRef & {
  requirePhishingResistant: boolean;
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

import { z } from 'zod';
import { roleSchema } from '../schemas/common.schemas.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { emptyBody, isoInstant } from './common.contract.ts';
import { adminUserView } from './lists.contract.ts';
import { pageOf } from './pagination.contract.ts';

// The administrator's screens (users, organisations, programmes) and the coordinator's second
// look at case-reading roles (decision 010). No case data is reachable from here.

/** A one-time enrolment link for the administrator to hand over. */
export const enrolmentLinkView = z.object({ enrolmentUrl: z.string(), expiresAt: isoInstant });
/** A one-time enrolment link. */
export type EnrolmentLink = z.infer<typeof enrolmentLinkView>;

/**
 * POST /admin/users: the invited user, and the link unless a case-reading role awaits a
 * coordinator's confirmation. SECURITY: then no link exists yet (decision 010).
 */
export const inviteUserResponse = enrolmentLinkView
  .partial()
  .extend({ user: adminUserView, awaitingConfirmation: z.boolean() });
/** What inviting a user answers. */
export type InviteResult = z.infer<typeof inviteUserResponse>;

/** PUT /admin/users/{id}/roles, POST /admin/users/{id}/deactivate: the user as it now stands. */
export const adminUserResponse = z.object({ user: adminUserView });

/** Body of a step on one user or member that takes no fields. */
export const userStepBody = emptyBody;

/**
 * How a re-issued or confirmed link reached its user: shown here (with the link), e-mailed to
 * them, or not needed (the member had already enrolled).
 */
export const linkDeliveryResponse = enrolmentLinkView
  .partial()
  .extend({ delivery: z.enum(['shown', 'email', 'none']) });
/** How a link reached its user. */
export type LinkDelivery = z.infer<typeof linkDeliveryResponse>;

/** An organisation taking part in the programme. */
export const organisationView = z.object({ id: idSchema, name: z.string(), kind: z.string() });
/** An organisation. */
export type Organisation = z.infer<typeof organisationView>;

/** GET /admin/organisations */
export const organisationsResponse = z.object({ organisations: z.array(organisationView) });

/** A programme as the administrator sees it. */
export const adminProgrammeView = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  requirePhishingResistant: z.boolean(),
});
/** A programme as the administrator sees it. */
export type AdminProgramme = z.infer<typeof adminProgrammeView>;

/** GET /admin/programmes */
export const programmesResponse = z.object({ programmes: z.array(adminProgrammeView) });

/** Body of PATCH /admin/programmes/{id}: the passkey-only rule. */
export const updateProgrammeBody = z.object({ requirePhishingResistant: z.boolean() });

/** A case-reading role an administrator asked for, as the confirming coordinator sees it. */
export const pendingMemberView = z.object({
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  status: z.enum(['invited', 'active', 'deactivated']),
  organisation: z.string(),
  roles: z.array(roleSchema),
  requestedBy: z.string(),
  requestedAt: isoInstant,
});
/** A member awaiting confirmation. */
export type PendingMember = z.infer<typeof pendingMemberView>;

/** GET /members/pending: a page of the users awaiting a role, by username. */
export const pendingMembersResponse = pageOf('members', pendingMemberView);

/** The answer of POST /audit/verify: how much of the log was verified, and where it broke. */
export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Entries in the keyed chain, verified. */
  sealed: z.number().int(),
  /** Entries written but not yet sealed (checked for plausibility). */
  pending: z.number().int(),
  head: z.object({ position: z.number().int(), entrySeq: z.number().int(), mac: z.string() }).nullable(),
  checkpoints: z.number().int(),
  broken: z
    .object({ seq: z.number().int().nullable(), position: z.number().int().nullable(), reason: z.string() })
    .optional(),
});
/** The answer of verifying the audit log. */
export type AuditVerifyResult = z.infer<typeof auditVerifyResponse>;

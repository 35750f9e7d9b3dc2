import { z } from 'zod';
import { ORGANISATION_KINDS } from '../organisations.ts';
import { findRoleConflict, ROLES } from '../roles.ts';
import { idSchema, requiredText } from './edge.schemas.ts';

/** A username: 3–64 characters from a–z, 0–9, '.', '_' and '-'. */
export const username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/);

/**
 * A non-empty set of roles without duplicates.
 * SECURITY: administrator and auditor must each be a user's only role (separation of duties).
 */
export const roleSet = z
  .array(z.enum(ROLES))
  .min(1)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'duplicate_role' })
  .refine((roles) => findRoleConflict(roles) === null, { message: 'role_conflict' });

/** Body of inviting a user to the programme. */
export const inviteUserBody = z.object({
  username,
  displayName: requiredText(120),
  /** Work e-mail for notifications such as "a case needs attention"; optional. */
  email: z.email().max(254).optional(),
  organisationId: idSchema,
  roles: roleSet,
});
/** Body of inviting a user to the programme. */
export type InviteUserBody = z.infer<typeof inviteUserBody>;

/** Body of replacing a user's roles. */
export const updateRolesBody = z.object({ roles: roleSet });
/** Body of replacing a user's roles. */
export type UpdateRolesBody = z.infer<typeof updateRolesBody>;

/** Body of creating an organisation. */
export const createOrganisationBody = z.object({
  name: requiredText(200),
  kind: z.enum(ORGANISATION_KINDS),
});
/** Body of creating an organisation. */
export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;

/** Body of creating a programme (a region's exit programme, the tenant). */
export const createProgrammeBody = z.object({
  name: requiredText(120),
  code: z.string().regex(/^[A-Z]{2,6}$/),
  /** When true, members must sign in with a passkey; TOTP is not enough. */
  requirePhishingResistant: z.boolean(),
});
/** Body of creating a programme. */
export type CreateProgrammeBody = z.infer<typeof createProgrammeBody>;

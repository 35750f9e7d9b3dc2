/** Every role a user can hold. A user may hold several; each is checked on its own. */
export const ROLES = [
  'hotline_officer',
  'coordinator',
  'partner_caseworker',
  'coach',
  'management',
  'auditor',
  'administrator',
] as const;

/** A role a user can hold. */
export type Role = (typeof ROLES)[number];

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

/** True when `x` is one of the known roles (roles read from storage are untrusted strings). */
export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && ROLE_SET.has(x);
}

/**
 * Roles that must be a user's only role.
 * SECURITY: separation of duties. An administrator who could also hold a case role could grant
 * themselves access to cases; an auditor who also worked cases or administered users would review
 * their own entries in the access log.
 */
export const EXCLUSIVE_ROLES = ['administrator', 'auditor'] as const satisfies readonly Role[];

/** Returns the first exclusive role combined with another role, or null when the set is allowed. */
export function findRoleConflict(roles: readonly Role[]): Role | null {
  const distinct = new Set(roles);
  if (distinct.size < 2) return null;
  for (const role of EXCLUSIVE_ROLES) {
    if (distinct.has(role)) return role;
  }
  return null;
}

/**
 * Roles that read case contents.
 * SECURITY: separation of duties. Granting one of these is never completed by an administrator
 * alone: the membership waits for a coordinator of the programme to confirm it (decision 010).
 */
export const CASE_READING_ROLES = [
  'coordinator',
  'hotline_officer',
  'partner_caseworker',
  'coach',
] as const satisfies readonly Role[];

/** True when holding `role` lets a user read case contents. */
export function isCaseReadingRole(role: Role): boolean {
  return (CASE_READING_ROLES as readonly Role[]).includes(role);
}

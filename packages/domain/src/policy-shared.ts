import type { Actor } from './actor.ts';
import { isRole, type Role } from './roles.ts';

/**
 * The actor's roles that are known roles, without duplicates.
 * SECURITY: roles come from storage as strings; an unknown string (or `'__proto__'`) must never
 * index the matrices, so it is dropped here and grants nothing.
 */
export function knownRoles(actor: Actor): readonly Role[] {
  return [...new Set(actor.roles.filter(isRole))];
}

/**
 * True when the actor's session is in `programmeId`.
 * SECURITY: the programme is the tenant boundary; an empty id never matches, so a missing value
 * on both sides cannot be mistaken for a match.
 */
export function isInProgramme(actor: Actor, programmeId: string): boolean {
  return actor.programmeId.length > 0 && actor.programmeId === programmeId;
}

/** True when `role` may perform the non-section `action` according to the role matrix. */
export function roleHasAction(role: Role, action: string, matrix: Readonly<Record<Role, readonly string[]>>): boolean {
  return matrix[role].includes(action);
}

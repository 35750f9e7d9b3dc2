import { ACTION_RESOURCE_KIND, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { ROLE_ACTIONS, STAFF_ACCESS_PATH } from './policy-matrix.ts';
import { isInProgramme, knownRoles, roleHasAction } from './policy-shared.ts';
import type { StaffResource } from './resources.ts';
import type { Role } from './roles.ts';

function reachesStaff(actor: Actor, role: Role, resource: StaffResource): boolean {
  const path = STAFF_ACCESS_PATH[role];
  switch (path) {
    case 'any':
      return true;
    case 'self':
      // SECURITY: an empty user id must not match an empty target id.
      return actor.userId.length > 0 && actor.userId === resource.userId;
    case 'none':
      return false;
    default: {
      const unreachable: never = path;
      return unreachable;
    }
  }
}

/**
 * Whether `actor` may perform `action` on one staff member (their availability).
 * Rule: same programme, a staff-level action, and one of the actor's roles lists the action in
 * `ROLE_ACTIONS` and reaches this staff member by its `STAFF_ACCESS_PATH`.
 */
export function canOnStaff(actor: Actor, action: Action, resource: StaffResource): boolean {
  // SECURITY: tenant boundary first.
  if (!isInProgramme(actor, resource.programmeId)) return false;
  if (ACTION_RESOURCE_KIND[action] !== 'staff') return false;
  return knownRoles(actor).some(
    (role) => roleHasAction(role, action, ROLE_ACTIONS) && reachesStaff(actor, role, resource),
  );
}

import { ACTION_RESOURCE_KIND, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { ROLE_ACTIONS } from './policy-matrix.ts';
import { isInProgramme, knownRoles, roleHasAction } from './policy-shared.ts';
import type { ProgrammeResource } from './resources.ts';

/**
 * Whether `actor` may perform `action` on the programme.
 * Rule: same programme, the action is a programme-level action, and one of the actor's roles
 * lists it in `ROLE_ACTIONS`.
 */
export function canOnProgramme(actor: Actor, action: Action, resource: ProgrammeResource): boolean {
  // SECURITY: tenant boundary first; nothing in another programme is reachable from here.
  if (!isInProgramme(actor, resource.programmeId)) return false;
  // SECURITY: a case-level action (e.g. 'case:read') is never granted against the programme,
  // otherwise it would grant it for every case in the programme.
  if (ACTION_RESOURCE_KIND[action] !== 'programme') return false;
  return knownRoles(actor).some((role) => roleHasAction(role, action, ROLE_ACTIONS));
}

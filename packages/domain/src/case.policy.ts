import { isSectionAction, sectionActionParts, type Action, type SectionAction } from './actions.ts';
import type { Actor } from './actor.ts';
import { CASE_ACCESS_PATH, ROLE_ACTIONS, SECTION_MATRIX } from './policy-matrix.ts';
import { isInProgramme, knownRoles, roleHasAction } from './policy-shared.ts';
import type { CaseResource } from './resources.ts';
import type { Role } from './roles.ts';
import type { SectionVerb } from './sections.ts';

/*
 * Rules for a case, in full:
 * 1. The case must be in the actor's programme.
 * 2. Each of the actor's roles is tried on its own; the action is allowed if one role allows it
 *    (roles are never combined: one role's membership path cannot unlock another role's rights).
 * 3. A role reaches the case by its CASE_ACCESS_PATH:
 *    - 'team': the actor is on the case team;
 *    - 'team_and_consent': on the team AND the actor's organisation is in the consent list;
 *    - 'none': never.
 *    A coordinator may also reach a case by break-the-glass, for READING only.
 * 4. A section action needs the role's SECTION_MATRIX entry to hold the verb for that section.
 *    'case:read' / 'case:update' / 'case:transition' need the role to list them in ROLE_ACTIONS
 *    ('case:update' and 'case:transition' are writes). 'case:break_glass' is for coordinators who
 *    are NOT on the team.
 */

/** How the actor reaches the case, if at all; decides which verbs are open. */
type Reach = 'full' | 'read_only' | 'none';

function isOnTeam(actor: Actor, resource: CaseResource): boolean {
  // SECURITY: an empty user id must not match an empty slot in a malformed team list.
  return actor.userId.length > 0 && resource.teamUserIds.includes(actor.userId);
}

function hasBreakGlass(actor: Actor, resource: CaseResource): boolean {
  return resource.caseId.length > 0 && (actor.breakGlassCaseIds ?? []).includes(resource.caseId);
}

function reachFor(actor: Actor, role: Role, resource: CaseResource): Reach {
  const path = CASE_ACCESS_PATH[role];
  switch (path) {
    case 'team':
      if (isOnTeam(actor, resource)) return 'full';
      // SECURITY: break-the-glass is for coordinators only and never opens writes; to change the
      // case they must be added to the team, which is its own audited step.
      if (role === 'coordinator' && hasBreakGlass(actor, resource)) return 'read_only';
      return 'none';
    case 'team_and_consent':
      // SECURITY: consent is checked on every call, so withdrawing it removes access at once,
      // even for a partner who is still on the team.
      return isOnTeam(actor, resource) &&
        actor.organisationId.length > 0 &&
        resource.consentedOrganisationIds.includes(actor.organisationId)
        ? 'full'
        : 'none';
    case 'none':
      return 'none';
    default: {
      const unreachable: never = path;
      return unreachable;
    }
  }
}

function reachAllows(reach: Reach, verb: SectionVerb): boolean {
  return reach === 'full' || (reach === 'read_only' && verb === 'read');
}

function roleCanOnSection(actor: Actor, role: Role, action: SectionAction, resource: CaseResource): boolean {
  const { section, verb } = sectionActionParts(action);
  return SECTION_MATRIX[role][section].includes(verb) && reachAllows(reachFor(actor, role, resource), verb);
}

/** Whether `actor` may perform `action` on the case `resource` (see the rules above). */
export function canOnCase(actor: Actor, action: Action, resource: CaseResource): boolean {
  // SECURITY: tenant boundary first.
  if (!isInProgramme(actor, resource.programmeId)) return false;
  const roles = knownRoles(actor);
  if (isSectionAction(action)) {
    return roles.some((role) => roleCanOnSection(actor, role, action, resource));
  }
  switch (action) {
    case 'case:read':
      return roles.some(
        (role) => roleHasAction(role, action, ROLE_ACTIONS) && reachAllows(reachFor(actor, role, resource), 'read'),
      );
    // Moving a case through its lifecycle (admit, decline, close, reopen) is a write, like an
    // update: break-the-glass never opens it.
    case 'case:update':
    case 'case:transition':
      return roles.some(
        (role) => roleHasAction(role, action, ROLE_ACTIONS) && reachAllows(reachFor(actor, role, resource), 'write'),
      );
    case 'case:break_glass':
      // Breaking the glass on a case you are already on the team of is meaningless; deny it.
      return !isOnTeam(actor, resource) && roles.some((role) => roleHasAction(role, action, ROLE_ACTIONS));
    case 'case:list':
    case 'case:create':
    case 'user:list':
    case 'user:invite':
    case 'user:update_roles':
    case 'user:deactivate':
    case 'user:reset_mfa':
    case 'organisation:list':
    case 'organisation:manage':
    case 'programme:list':
    case 'programme:manage':
    case 'audit:search':
    case 'audit:verify':
    case 'report:read':
    case 'call:create':
    case 'call:list':
    case 'call:read':
    case 'case:lookup_personnummer':
    case 'roster:read':
    case 'roster:manage':
    case 'place:read':
    case 'place:manage':
    case 'availability:manage':
    case 'meeting:book':
    case 'instrument:read':
    case 'instrument:import':
      // SECURITY: programme-level (and staff-level) actions are never granted against a case.
      return false;
    default: {
      // Compile-time exhaustiveness; at run time an unknown action is denied.
      const unreachable: never = action;
      void unreachable;
      return false;
    }
  }
}

import { isSectionAction, sectionActionParts, type Action, type SectionAction } from './actions.ts';
import type { Actor } from './actor.ts';
import { BREAK_GLASS_MAX_SENSITIVITY } from './break-glass.ts';
import {
  CASE_ACCESS_PATH,
  CASE_ACTION_SCOPE,
  ROLE_ACTIONS,
  SECTION_MATRIX,
  type ScopedCaseAction,
} from './policy-matrix.ts';
import { isInProgramme, knownRoles, roleHasAction } from './policy-shared.ts';
import type { CaseResource } from './resources.ts';
import type { Role } from './roles.ts';
import { SECTION_SENSITIVITY, type Section, type SectionVerb } from './sections.ts';

/*
 * Rules for a case, in full:
 * 1. The case must be in the actor's programme.
 * 2. Each of the actor's roles is tried on its own; the action is allowed if one role allows it
 *    (roles are never combined: one role's membership path cannot unlock another role's rights).
 * 3. A role reaches the case by its CASE_ACCESS_PATH:
 *    - 'team': the actor is on the case team;
 *    - 'team_and_consent': on the team AND the actor's organisation is in the consent list (and,
 *      when the resource carries `coverage`, has at least one section in it);
 *    - 'none': never.
 *    A coordinator may also reach a case by break-the-glass, for READING only, and only sections
 *    no more sensitive than BREAK_GLASS_MAX_SENSITIVITY.
 * 4. A section action needs the role's SECTION_MATRIX entry to hold the verb for that section and,
 *    for a consent-path role with `coverage`, the section in its organisation's coverage.
 *    Assessment actions (consent, conditions, eligibility, risk, mapping) need ROLE_ACTIONS AND the same
 *    section rule for the section in CASE_ACTION_SCOPE.
 *    'case:read' / 'case:update' / 'case:transition' need the role to list them in ROLE_ACTIONS
 *    ('case:update' and 'case:transition' are writes). 'case:break_glass' is for coordinators who
 *    are NOT on the team.
 * 5. 'protection:read_address' and 'identity_link:read' need ROLE_ACTIONS, team membership (never
 *    break-the-glass), a fresh second factor, and read on their section; the identity link also
 *    needs the actor named in the case's `sealedReaders`.
 */

/** How the actor reaches the case, if at all; decides which verbs and sections are open. */
type Reach = 'full' | 'break_glass' | 'none';

function isOnTeam(actor: Actor, resource: CaseResource): boolean {
  // SECURITY: an empty user id must not match an empty slot in a malformed team list.
  return actor.userId.length > 0 && resource.teamUserIds.includes(actor.userId);
}

function hasBreakGlass(actor: Actor, resource: CaseResource): boolean {
  return resource.caseId.length > 0 && (actor.breakGlassCaseIds ?? []).includes(resource.caseId);
}

/** The sections the actor's organisation may see, or null when the resource carries no coverage. */
function coveredSections(actor: Actor, resource: CaseResource): readonly Section[] | null {
  const coverage = resource.coverage;
  if (coverage === undefined) return null;
  // SECURITY: an organisation id such as '__proto__' must not read an inherited property.
  return Object.hasOwn(coverage, actor.organisationId) ? (coverage[actor.organisationId] ?? []) : [];
}

function isCovered(actor: Actor, resource: CaseResource): boolean {
  if (actor.organisationId.length === 0 || !resource.consentedOrganisationIds.includes(actor.organisationId)) {
    return false;
  }
  const sections = coveredSections(actor, resource);
  return sections === null || sections.length > 0;
}

function reachFor(actor: Actor, role: Role, resource: CaseResource): Reach {
  const path = CASE_ACCESS_PATH[role];
  switch (path) {
    case 'team':
      if (isOnTeam(actor, resource)) return 'full';
      // SECURITY: break-the-glass is for coordinators only and never opens writes; to change the
      // case they must be added to the team, which is its own audited step.
      if (role === 'coordinator' && hasBreakGlass(actor, resource)) return 'break_glass';
      return 'none';
    case 'team_and_consent':
      // SECURITY: consent is checked on every call, so withdrawing it removes access at once,
      // even for a partner who is still on the team.
      return isOnTeam(actor, resource) && isCovered(actor, resource) ? 'full' : 'none';
    case 'none':
      return 'none';
    default: {
      const unreachable: never = path;
      return unreachable;
    }
  }
}

function reachAllows(reach: Reach, verb: SectionVerb, section: Section | null): boolean {
  if (reach === 'full') return true;
  if (reach === 'none' || verb !== 'read') return false;
  // SECURITY: break-the-glass reads the case and its less sensitive sections only.
  return section === null || SECTION_SENSITIVITY[section] <= BREAK_GLASS_MAX_SENSITIVITY;
}

/** Whether the role may use `verb` on `section` of this case: matrix, reach, and coverage. */
function roleCanOnSectionVerb(
  actor: Actor,
  role: Role,
  section: Section,
  verb: SectionVerb,
  resource: CaseResource,
): boolean {
  if (!SECTION_MATRIX[role][section].includes(verb)) return false;
  if (!reachAllows(reachFor(actor, role, resource), verb, section)) return false;
  if (CASE_ACCESS_PATH[role] === 'team_and_consent') {
    // SECURITY: with coverage, a partner sees only the sections consent or law gives their organisation.
    const sections = coveredSections(actor, resource);
    return sections === null || sections.includes(section);
  }
  return true;
}

function roleCanOnSection(actor: Actor, role: Role, action: SectionAction, resource: CaseResource): boolean {
  const { section, verb } = sectionActionParts(action);
  return roleCanOnSectionVerb(actor, role, section, verb, resource);
}

function roleCanScoped(actor: Actor, role: Role, action: ScopedCaseAction, resource: CaseResource): boolean {
  const { section, verb } = CASE_ACTION_SCOPE[action];
  return roleHasAction(role, action, ROLE_ACTIONS) && roleCanOnSectionVerb(actor, role, section, verb, resource);
}

function isSealedReader(actor: Actor, resource: CaseResource): boolean {
  return actor.userId.length > 0 && (resource.sealedReaders ?? []).includes(actor.userId);
}

/**
 * The most sensitive reads: the protected address and the sealed identity link.
 * SECURITY: team members only (never break-the-glass), always with a fresh second factor.
 */
function canReadMostSensitive(
  actor: Actor,
  role: Role,
  action: 'protection:read_address' | 'identity_link:read',
  resource: CaseResource,
): boolean {
  if (actor.freshSecondFactor !== true) return false;
  if (!roleHasAction(role, action, ROLE_ACTIONS) || reachFor(actor, role, resource) !== 'full') return false;
  if (action === 'identity_link:read') {
    return isSealedReader(actor, resource) && roleCanOnSectionVerb(actor, role, 'identity', 'read', resource);
  }
  return roleCanOnSectionVerb(actor, role, 'protection', 'read', resource);
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
        (role) =>
          roleHasAction(role, action, ROLE_ACTIONS) && reachAllows(reachFor(actor, role, resource), 'read', null),
      );
    // Moving a case through its lifecycle (admit, decline, close, reopen) is a write, like an
    // update: break-the-glass never opens it.
    // Who works the case (a partner caseworker, a coach) is the coordinator's decision.
    case 'case:update':
    case 'case:transition':
    case 'case:manage_team':
      return roles.some(
        (role) =>
          roleHasAction(role, action, ROLE_ACTIONS) && reachAllows(reachFor(actor, role, resource), 'write', null),
      );
    case 'case:break_glass':
      // Breaking the glass on a case you are already on the team of is meaningless; deny it.
      return !isOnTeam(actor, resource) && roles.some((role) => roleHasAction(role, action, ROLE_ACTIONS));
    case 'consent:read':
    case 'consent:write':
    case 'conditions:read':
    case 'conditions:write':
    case 'eligibility:decide':
    case 'risk:read':
    case 'risk:write':
    case 'mapping:read':
    case 'mapping:write':
      return roles.some((role) => roleCanScoped(actor, role, action, resource));
    case 'protection:read_address':
    case 'identity_link:read':
      return roles.some((role) => canReadMostSensitive(actor, role, action, resource));
    case 'case:list':
    case 'case:create':
    case 'user:list':
    case 'user:invite':
    case 'user:update_roles':
    case 'user:deactivate':
    case 'user:reset_mfa':
    case 'member:confirm':
    case 'organisation:list':
    case 'organisation:read':
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
    case 'threat_actor:read':
    case 'threat_actor:write':
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

/**
 * True when one of the actor's roles may break the glass on some case (whatever the case).
 * SECURITY: answers the same for every case id, so it may be asked before a case is looked up.
 */
export function mayEverBreakGlass(actor: Actor): boolean {
  return knownRoles(actor).some((role) => roleHasAction(role, 'case:break_glass', ROLE_ACTIONS));
}

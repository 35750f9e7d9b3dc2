import { isAction, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { canOnCase } from './case.policy.ts';
import { compositeParts, isCompositeAction, type AnyAction, type CompositeAction } from './composite-actions.ts';
import { AppError } from './errors.ts';
import { canOnProgramme } from './programme.policy.ts';
import { CASE_ACCESS_PATH, ROLE_ACTIONS } from './policy-matrix.ts';
import { knownRoles, roleHasAction } from './policy-shared.ts';
import type { CaseResource, Resource } from './resources.ts';
import { canOnStaff } from './staff.policy.ts';

// Asked before a case is looked up, so break-the-glass refuses a real and a random id alike.
export { mayEverBreakGlass } from './case.policy.ts';

/**
 * Whether `actor` may perform `action` on `resource`. Pure; denies by default.
 * SECURITY: this is the only place access is decided. Unknown actions, unknown resource kinds,
 * unknown roles and other programmes are all denied.
 */
export function can(actor: Actor, action: AnyAction, resource: Resource): boolean {
  if (isCompositeAction(action)) return canComposite(actor, action, resource);
  // SECURITY: callers may pass strings that escaped the type system (casts, JSON, JS callers).
  if (!isAction(action)) return false;
  switch (resource.kind) {
    case 'programme':
      return canOnProgramme(actor, action, resource);
    case 'case':
      return canOnCase(actor, action, resource);
    case 'staff':
      return canOnStaff(actor, action, resource);
    default: {
      const unreachable: never = resource;
      void unreachable;
      return false;
    }
  }
}

/**
 * A composite action (see `composite-actions.ts`): a case resource, every programme part on the
 * case's programme and every case part on the case. Only a case can carry one.
 */
function canComposite(actor: Actor, action: CompositeAction, resource: Resource): boolean {
  if (resource.kind !== 'case') return false;
  const parts = compositeParts(action);
  return (
    canOnProgrammeParts(actor, action, resource.programmeId) && parts.case.every((part) => can(actor, part, resource))
  );
}

/** Whether the actor holds every programme part of a composite action in `programmeId`. */
export function canOnProgrammeParts(actor: Actor, action: CompositeAction, programmeId: string): boolean {
  const programme = { kind: 'programme', programmeId } as const;
  return compositeParts(action).programme.every((part) => can(actor, part, programme));
}

/**
 * Asserts that `actor` may perform `action` on `resource`; throws `AppError('forbidden')` if not.
 * Callers inside a programme that would reveal a record's existence should answer `not_found`
 * instead (same answer for "not found" and "not yours").
 */
export function authorize(actor: Actor, action: AnyAction, resource: Resource): asserts resource is Resource {
  if (!can(actor, action, resource)) {
    throw new AppError('forbidden');
  }
}

/**
 * True when one of the actor's roles has `action` at all, on some case or the programme — for
 * refusing a whole list outright (a coach asking for the risk reviews due), never for a decision
 * on one record, which is `can()`'s.
 */
export function mayEverPerform(actor: Actor, action: Action): boolean {
  return knownRoles(actor).some((role) => roleHasAction(role, action, ROLE_ACTIONS));
}

/**
 * What the audit entry of a read must add when the reader is outside the programme's own staff:
 * the receiving organisation and the ground. SECURITY: a partner or coach reads only under
 * consent or a legal basis, so each of their reads is a disclosure to their organisation.
 */
export function disclosureOf(
  actor: Actor,
  resource: CaseResource,
): { recipient?: string; purpose?: 'consent_or_legal_basis' | 'disclosure' } {
  const staff = knownRoles(actor).some((role) => CASE_ACCESS_PATH[role] === 'team');
  if (staff) return {};
  const covered = resource.consentedOrganisationIds.includes(actor.organisationId);
  return { recipient: actor.organisationId, purpose: covered ? 'consent_or_legal_basis' : 'disclosure' };
}

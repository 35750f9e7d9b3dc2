import { actionsForResourceKind, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { can, mayEverPerform } from './authorize.ts';
import { COMPOSITE_ACTIONS, compositeParts, type AnyAction } from './composite-actions.ts';
import type { CaseResource, ProgrammeResource, Resource } from './resources.ts';
import { readsAttentionFeed } from './role-groups.ts';

/** The actions an actor may perform on one resource, in `ACTIONS` order. */
export type Abilities = readonly Action[];

/**
 * Every action `actor` may perform on `resource`, computed through `can()` so that responses
 * can carry it and the web app never re-implements a rule.
 */
export function abilitiesFor(actor: Actor, resource: Resource): Abilities {
  return actionsForResourceKind(resource.kind).filter((action) => can(actor, action, resource));
}

/** True when `abilities` include `action`; for display only, never for access decisions. */
export function hasAbility(abilities: readonly AnyAction[], action: AnyAction): boolean {
  return abilities.includes(action);
}

/**
 * What a case's screen may offer: the case actions allowed on it, each named composite action
 * allowed on it (`threat_link:read`, `case:book_meeting` …), and the programme actions those
 * composites stand on (a case that may be booked lists `meeting:book`). Computed only through
 * `can()`; the server sends this as the case's `abilities`, and the web decides from it alone.
 */
export function caseAbilities(actor: Actor, resource: CaseResource): readonly AnyAction[] {
  const composites = COMPOSITE_ACTIONS.filter((action) => can(actor, action, resource));
  const standsOn = new Set(composites.flatMap((action) => compositeParts(action).programme));
  // A case resource never grants a programme action itself, so these are not listed twice.
  return [...abilitiesFor(actor, resource), ...composites, ...standsOn];
}

/**
 * What the signed-in user's screens may offer in the programme (the `abilities` of `/me`): the
 * programme actions allowed, and each case action one of the actor's roles holds, so it may be
 * allowed on some case (`case:break_glass`, `risk:read` …). The case actions say only that a door
 * may be shown (the break-the-glass offer, the reviews panel); each case still decides itself.
 */
export function staffAbilities(actor: Actor, programme: ProgrammeResource): readonly Action[] {
  const caseActions = actionsForResourceKind('case').filter((action) => mayEverPerform(actor, action));
  return [...abilitiesFor(actor, programme), ...caseActions];
}

/**
 * True when the actor's home screen shows the case-attention feed: the server pushes acute-call
 * and break-the-glass notices to these roles (decided here, so the web never names a role).
 */
export function showsAttentionFeed(actor: Actor): boolean {
  return readsAttentionFeed(actor.roles);
}

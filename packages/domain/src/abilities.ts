import { actionsForResourceKind, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { can } from './authorize.ts';
import type { Resource } from './resources.ts';

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
export function hasAbility(abilities: Abilities, action: Action): boolean {
  return abilities.includes(action);
}

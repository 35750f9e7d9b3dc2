import type { Action } from './actions.ts';

/**
 * Named actions on one case that combine rules: each needs every listed programme action (on the
 * case's programme) AND every listed case action (on the case). Services and the web ask for the
 * name, never for the parts, so a rule that needs two checks cannot be half-checked in one place.
 * SECURITY: the programme parts are judged first by the server (`requireCase`), so a refusal for
 * lack of them says nothing about whether the case exists.
 */
export const COMPOSITE_ACTIONS = [
  'threat_link:read',
  'threat_link:write',
  'case:book_meeting',
  'eligibility:record',
] as const;

/** A named composite action on a case. */
export type CompositeAction = (typeof COMPOSITE_ACTIONS)[number];

export const CASE_COMPOSITE_ACTIONS: Readonly<
  Record<CompositeAction, { programme: readonly Action[]; case: readonly Action[] }>
> = {
  // The case's links to the threat registry name groups and people: the registry and the threat
  // picture of this case both.
  'threat_link:read': { programme: ['threat_actor:read'], case: ['risk:read'] },
  'threat_link:write': { programme: ['threat_actor:read', 'threat_actor:write'], case: ['risk:write'] },
  // A booking names a meeting place (where a person under threat will be) for this case.
  'case:book_meeting': { programme: ['meeting:book', 'place:read'], case: ['case:read'] },
  // A decision on eligibility moves the case on in its lifecycle (admitted, declined).
  'eligibility:record': { programme: [], case: ['eligibility:decide', 'case:transition'] },
};

/** Every action a policy can be asked about: the closed list and the composites built from it. */
export type AnyAction = Action | CompositeAction;

/** True when `x` is a named composite action. */
export function isCompositeAction(x: unknown): x is CompositeAction {
  return typeof x === 'string' && Object.hasOwn(CASE_COMPOSITE_ACTIONS, x);
}

/** The parts of a composite action. */
export function compositeParts(action: CompositeAction): {
  programme: readonly Action[];
  case: readonly Action[];
} {
  return CASE_COMPOSITE_ACTIONS[action];
}

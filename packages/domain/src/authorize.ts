import { isAction, type Action } from './actions.ts';
import type { Actor } from './actor.ts';
import { canOnCase } from './case.policy.ts';
// Asked before a case is looked up, so break-the-glass refuses a real and a random id alike.
export { mayEverBreakGlass } from './case.policy.ts';
import { AppError } from './errors.ts';
import { canOnProgramme } from './programme.policy.ts';
import type { Resource } from './resources.ts';
import { canOnStaff } from './staff.policy.ts';

/**
 * Whether `actor` may perform `action` on `resource`. Pure; denies by default.
 * SECURITY: this is the only place access is decided. Unknown actions, unknown resource kinds,
 * unknown roles and other programmes are all denied.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
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
 * Asserts that `actor` may perform `action` on `resource`; throws `AppError('forbidden')` if not.
 * Callers inside a programme that would reveal a record's existence should answer `not_found`
 * instead (same answer for "not found" and "not yours").
 */
export function authorize(actor: Actor, action: Action, resource: Resource): asserts resource is Resource {
  if (!can(actor, action, resource)) {
    throw new AppError('forbidden');
  }
}

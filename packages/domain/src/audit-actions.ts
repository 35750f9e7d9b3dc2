import { ACTIONS } from './actions.ts';
import { COMPOSITE_ACTIONS } from './composite-actions.ts';

/**
 * Events that are logged but are not actions a policy decides: sign-in, the steps of a record's
 * life that one policy action covers (a consent withdrawn under `consent:write`), and the
 * administrator's configuration steps.
 */
export const AUDIT_EVENTS = [
  'attachment:read',
  'attachment:write',
  'auth:sign_in',
  'auth:sign_out',
  'auth:sign_out_everywhere',
  'auth:step_up',
  'case:team_add',
  'case:team_remove',
  'conditions:version',
  'consent:withdraw',
  'eligibility:read',
  'legal_basis:read',
  'legal_basis:write',
  'meeting:cancel',
  'meeting:export',
  'meeting:held',
  'meeting_record:read',
  'meeting_record:write',
  'member:list_pending',
  'member:reject',
  'member:request',
  'organisation:create',
  'programme:create',
  'programme:update',
  'session:switch_programme',
  'setup:first_administrator',
  'user:enrolled',
  'user:enrolment_link',
] as const;

/**
 * The one closed list of names an audit entry may carry: every policy action (a read, a write, a
 * refusal of it) and the events above. A typo in an audit call does not compile, and an auditor
 * can search the log by a name that is known to exist.
 */
export const AUDIT_ACTIONS = [...ACTIONS, ...COMPOSITE_ACTIONS, ...AUDIT_EVENTS] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const AUDIT_ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/** True when `x` is a known audit action name. */
export function isAuditAction(x: unknown): x is AuditAction {
  return typeof x === 'string' && AUDIT_ACTION_SET.has(x);
}

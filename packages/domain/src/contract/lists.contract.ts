import { z } from 'zod';
import { CALL_CHANNELS, CALL_DECISIONS, CALLER_TYPES } from '../calls.ts';
import { CASE_CLOCKS } from '../clocks.ts';
import { abilitiesSchema, roleSchema } from '../schemas/common.schemas.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';
import { pageOf } from './pagination.contract.ts';

// The big lists, each one page at a time (decision 014). Their query strings are `pageQuery`
// (cursor, limit), extended by a list's own filters where it has them (calls, audit search).
// SECURITY: no list row carries an identity; a list decrypts nothing.

/** A case in the case list: code and state, never an identity. */
export const caseSummary = z.object({ id: idSchema, code: z.string(), state: z.string(), abilities: abilitiesSchema });
/** A case in the case list. */
export type CaseSummary = z.infer<typeof caseSummary>;

/** GET /cases: a page of the cases on the reader's team, oldest first. */
export const caseListResponse = pageOf('cases', caseSummary);

/** One clock past its target on a case of the reader's team. */
export const overdueEntry = z.object({
  caseId: idSchema,
  caseCode: z.string(),
  clock: z.enum(CASE_CLOCKS),
  dueAt: isoInstant,
  lateByMinutes: z.number().int(),
});
/** One clock past its target. */
export type OverdueEntry = z.infer<typeof overdueEntry>;

/**
 * GET /home/overdue: a page of cases with a late clock, in order of first contact; `limit`
 * counts cases, so a page may hold up to two entries per case.
 */
export const overdueResponse = pageOf('overdue', overdueEntry);

/** A logged call in the hotline's list: no identity, no summary. */
export const callSummary = z.object({
  id: idSchema,
  receivedAt: isoInstant,
  channel: z.enum(CALL_CHANNELS),
  callerType: z.enum(CALLER_TYPES),
  decision: z.enum(CALL_DECISIONS),
  handler: z.object({ id: idSchema, displayName: z.string() }),
  acute: z.boolean(),
  caseCode: z.string().nullable(),
});
/** A logged call in the hotline's list. */
export type CallSummary = z.infer<typeof callSummary>;

/** GET /calls: a page of calls, newest first, filtered by `callListQuery`. */
export const callListResponse = pageOf('calls', callSummary);

/** One audit entry as an auditor sees it. `details` stays server-side: it is for verification. */
export const auditEntryView = z.object({
  seq: z.number().int(),
  at: isoInstant,
  actor: z.object({ id: idSchema, username: z.string() }).nullable(),
  programmeId: idSchema.nullable(),
  action: z.string(),
  outcome: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  purpose: z.string().nullable(),
  recipient: z.string().nullable(),
});
/** One audit entry as an auditor sees it. */
export type AuditEntryView = z.infer<typeof auditEntryView>;

/** GET /audit/entries: a page of the auditor's search, newest first. */
export const auditEntriesResponse = pageOf('entries', auditEntryView);

/** A user as the administrator sees them: no secrets, roles in this programme only. */
export const adminUserView = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organisation: z.object({ id: idSchema, name: z.string(), kind: z.string() }),
  roles: z.array(roleSchema),
  /** Case-reading roles a coordinator has yet to confirm; they grant nothing until then. */
  pendingRoles: z.array(roleSchema),
  status: z.enum(['invited', 'active', 'deactivated']),
  secondFactors: z.array(z.enum(['passkey', 'totp'])),
});
/** A user as the administrator sees them. */
export type AdminUserView = z.infer<typeof adminUserView>;

/** GET /admin/users: a page of the programme's users and those awaiting a role, by username. */
export const adminUserListResponse = pageOf('users', adminUserView);

/** A case whose risk analysis is due for review, and why. */
export const dueReviewView = z.object({
  caseId: idSchema,
  caseCode: z.string(),
  nextReviewOn: z.string().nullable(),
  reasons: z.array(z.string()),
});

/** GET /home/reviews-due: a page of the open cases of the reader's team that are due, by case code. */
export const reviewsDueResponse = pageOf('reviews', dueReviewView);

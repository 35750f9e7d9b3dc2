import { z } from 'zod';
import { CALL_DECISIONS, makeCreateCallBody } from '../calls.ts';
import { serverClock } from '../clock.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';
import { completedChecklistView } from './cases.contract.ts';
import { callSummary } from './lists.contract.ts';

// The hotline: logging a call, reading one, and the personnummer lookup.
// SECURITY: only a call read in full carries what the caller said; the list (lists.contract.ts) never does.

/** Body of POST /calls, checked against the server's clock at each parse. */
export const createCallBody = makeCreateCallBody(serverClock);

/** POST /calls: the call, and the case it opened when taken further. */
export const createCallResponse = z.object({
  call: z.object({ id: idSchema, decision: z.enum(CALL_DECISIONS), acute: z.boolean() }),
  case: z.object({ id: idSchema, code: z.string() }).nullable(),
});
/** What logging a call answers. */
export type CreateCallResult = z.infer<typeof createCallResponse>;

/** The threat checklist run during a call, with the answers given. */
export const callChecklistView = completedChecklistView.omit({ id: true, acute: true, createdAt: true });

/** GET /calls/{id}: one call in full. */
export const callView = callSummary.omit({ caseCode: true }).extend({
  summary: z.string().nullable(),
  callbackContact: z.string().nullable(),
  referral: z.object({ organisationName: z.string(), reason: z.string().nullable() }).nullable(),
  callbackAt: isoInstant.nullable(),
  checklist: callChecklistView.nullable(),
  case: z.object({ id: idSchema, code: z.string() }).nullable(),
});
/** One call in full. */
export type CallDetail = z.infer<typeof callView>;

/** Body of POST /cases/lookup. */
export const personnummerLookupBody = z.object({ personnummer: z.string().max(20) });

/** One match of a personnummer lookup: the hotline learns whom to contact, nothing more. */
export const lookupMatchView = z.object({
  onTeam: z.boolean(),
  caseId: idSchema.nullable(),
  caseCode: z.string().nullable(),
  contacts: z.array(z.object({ displayName: z.string() })),
});
/** One match of a personnummer lookup. */
export type LookupMatch = z.infer<typeof lookupMatchView>;

/** POST /cases/lookup */
export const personnummerLookupResponse = z.object({ matches: z.array(lookupMatchView) });

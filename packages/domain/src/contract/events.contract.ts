import { z } from 'zod';
import { idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// GET /events: Server-Sent Events to the signed-in user's open screens.
// SECURITY: an event names a case by its code, never a person.

/** The kinds of live event: a case that needs attention, a break-the-glass on a case one owns or audits. */
export const LIVE_EVENT_TYPES = ['case_attention', 'break_glass'] as const;
/** The kind of a live event; it is the SSE `event:` field. */
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** The `data:` of every live event, as JSON. */
export const liveEventData = z.object({ caseId: idSchema, caseCode: z.string(), at: isoInstant });
/** The data of a live event. */
export type LiveEventData = z.infer<typeof liveEventData>;

/** GET /events, as OpenAPI describes it: a stream of `event: <type>` / `data: <liveEventData>` messages. */
export const liveEventStream = {
  200: {
    description: `text/event-stream of events ${LIVE_EVENT_TYPES.join(', ')}; each data line is this JSON.`,
    content: { 'text/event-stream': { schema: liveEventData } },
  },
};

import { z } from 'zod';
import { apiDateTime, idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// Meetings with the person: proposals for the first meeting, booking, held and cancelled, as
// the case shows them. SECURITY: a place's name is null for a reader who may not see places.

/** The kinds of meeting that can be booked. */
export const MEETING_KINDS = ['first_meeting'] as const;
/** A kind of meeting. */
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** How long a meeting may be, in minutes. */
export const meetingDuration = z.coerce.number().int().min(15).max(240);

const staffRef = z.object({ userId: idSchema, displayName: z.string() });

/** A free slot for the first meeting: a time, a staff member and a place. */
export const meetingSlot = z.object({
  startsAt: isoInstant,
  endsAt: isoInstant,
  staff: staffRef,
  place: z.object({ id: idSchema, name: z.string() }),
});
/** A free slot for the first meeting. */
export type MeetingSlot = z.infer<typeof meetingSlot>;

/** Query of GET /cases/:id/meeting-proposals. */
export const meetingProposalsQuery = z.object({ durationMinutes: meetingDuration.default(60) });

/** GET /cases/:id/meeting-proposals */
export const meetingProposalsResponse = z.object({ slots: z.array(meetingSlot) });

/** Body of booking a meeting. */
export const bookMeetingBody = z.object({
  startsAt: apiDateTime,
  durationMinutes: meetingDuration,
  staffUserId: idSchema,
  placeId: idSchema,
  kind: z.enum(MEETING_KINDS).default('first_meeting'),
});
/** Body of booking a meeting, as sent. */
export type BookMeetingInput = z.input<typeof bookMeetingBody>;

/** A meeting just booked. */
export const bookedMeeting = meetingSlot.extend({ id: idSchema, kind: z.enum(MEETING_KINDS), status: z.string() });
/** A meeting just booked. */
export type BookedMeeting = z.infer<typeof bookedMeeting>;

/** POST /cases/:id/meetings */
export const bookMeetingResponse = z.object({ meeting: bookedMeeting });

/** GET /meetings/:id/calendar.ics: the calendar file. */
export const meetingCalendarFile = z.string().describe('text/calendar');

/** POST /meetings/:id/held */
export const meetingHeldResponse = z.object({
  meeting: z.object({ id: idSchema, status: z.string(), heldAt: isoInstant }),
});

/** POST /meetings/:id/cancel */
export const meetingCancelledResponse = z.object({ meeting: z.object({ id: idSchema, status: z.string() }) });

/** A booked, held or cancelled meeting as the case shows it. */
export const caseMeetingView = z.object({
  id: idSchema,
  kind: z.string(),
  status: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
  heldAt: isoInstant.nullable(),
  staff: staffRef,
  /** The place's name is null for a reader who may not see places. */
  place: z.object({ id: idSchema, name: z.string().nullable() }),
});
/** A meeting as the case shows it. */
export type CaseMeetingView = z.infer<typeof caseMeetingView>;

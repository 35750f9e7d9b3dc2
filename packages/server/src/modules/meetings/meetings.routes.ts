import { idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, isoDateTime } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import {
  MEETING_KINDS,
  bookMeeting,
  exportMeetingCalendar,
  proposeMeetingSlots,
  cancelMeeting,
  recordMeetingHeld,
} from './meetings.service.ts';

const duration = z.coerce.number().int().min(15).max(240);
const staffRef = z.object({ userId: idSchema, displayName: z.string() });
const placeRef = z.object({ id: idSchema, name: z.string() });
const slot = z.object({ startsAt: z.string(), endsAt: z.string(), staff: staffRef, place: placeRef });
const bookedMeeting = slot.extend({ id: idSchema, kind: z.enum(MEETING_KINDS), status: z.string() });

export const bookMeetingBody = z.object({
  startsAt: isoDateTime,
  durationMinutes: duration,
  staffUserId: idSchema,
  placeId: idSchema,
  kind: z.enum(MEETING_KINDS).default('first_meeting'),
});

/** First-meeting proposals, booking, the calendar file and recording a meeting as held. */
export async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases/:id/meeting-proposals',
    {
      schema: {
        params: idParams,
        querystring: z.object({ durationMinutes: duration.default(60) }),
        response: { 200: z.object({ slots: z.array(slot) }) },
      },
    },
    async (request) => ({
      slots: await withActor(request, (ctx) =>
        proposeMeetingSlots(ctx, request.params.id, request.query.durationMinutes),
      ),
    }),
  );

  app.post(
    '/cases/:id/meetings',
    { schema: { params: idParams, body: bookMeetingBody, response: { 200: z.object({ meeting: bookedMeeting }) } } },
    async (request) => ({
      meeting: await withActor(request, (ctx) =>
        bookMeeting(ctx, request.params.id, { ...request.body, startsAt: new Date(request.body.startsAt) }),
      ),
    }),
  );

  app.get(
    '/meetings/:id/calendar.ics',
    { schema: { params: idParams, response: { 200: z.string().describe('text/calendar') } } },
    async (request, reply) => {
      const file = await withActor(request, (ctx) => exportMeetingCalendar(ctx, request.params.id));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  app.post(
    '/meetings/:id/held',
    {
      schema: {
        params: idParams,
        response: { 200: z.object({ meeting: z.object({ id: idSchema, status: z.string(), heldAt: z.string() }) }) },
      },
    },
    async (request) => ({
      meeting: await withActor(request, (ctx) => recordMeetingHeld(ctx, request.params.id)),
    }),
  );

  app.post(
    '/meetings/:id/cancel',
    {
      schema: {
        params: idParams,
        response: { 200: z.object({ meeting: z.object({ id: idSchema, status: z.string() }) }) },
      },
    },
    async (request) => ({
      meeting: await withActor(request, (ctx) => cancelMeeting(ctx, request.params.id)),
    }),
  );
}

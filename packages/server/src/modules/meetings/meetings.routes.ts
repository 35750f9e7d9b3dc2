import {
  bookMeetingBody,
  bookMeetingResponse,
  emptyBody,
  meetingCalendarFile,
  meetingCancelledResponse,
  meetingHeldResponse,
  meetingProposalsQuery,
  meetingProposalsResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import {
  bookMeeting,
  exportMeetingCalendar,
  proposeMeetingSlots,
  cancelMeeting,
  recordMeetingHeld,
} from './meetings.service.ts';

/** First-meeting proposals, booking, the calendar file and recording a meeting as held. */
export async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases/:id/meeting-proposals',
    { schema: { params: idParams, querystring: meetingProposalsQuery, response: { 200: meetingProposalsResponse } } },
    async (request) => ({
      slots: await withActor(request, (ctx) =>
        proposeMeetingSlots(ctx, request.params.id, request.query.durationMinutes),
      ),
    }),
  );

  app.post(
    '/cases/:id/meetings',
    { schema: { params: idParams, body: bookMeetingBody, response: { 200: bookMeetingResponse } } },
    async (request) => ({
      meeting: await withActor(request, (ctx) =>
        bookMeeting(ctx, request.params.id, { ...request.body, startsAt: new Date(request.body.startsAt) }),
      ),
    }),
  );

  app.get(
    '/meetings/:id/calendar.ics',
    { schema: { params: idParams, response: { 200: meetingCalendarFile } } },
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
    { schema: { params: idParams, body: emptyBody, response: { 200: meetingHeldResponse } } },
    async (request) => ({
      meeting: await withActor(request, (ctx) => recordMeetingHeld(ctx, request.params.id)),
    }),
  );

  app.post(
    '/meetings/:id/cancel',
    { schema: { params: idParams, body: emptyBody, response: { 200: meetingCancelledResponse } } },
    async (request) => ({
      meeting: await withActor(request, (ctx) => cancelMeeting(ctx, request.params.id)),
    }),
  );
}

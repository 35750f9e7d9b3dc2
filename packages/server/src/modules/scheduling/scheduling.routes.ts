import {
  addAvailabilityBody,
  addPlaceBody,
  addShiftBody,
  availabilityResponse,
  createdResponse,
  noContent,
  onDutyNowResponse,
  periodQuery,
  placeView,
  placesResponse,
  shiftsResponse,
  staffResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams, periodOf } from '../../http/schemas.ts';
import * as scheduling from './scheduling.service.ts';

/** Duty roster, meeting places and staff availability. */
export async function schedulingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/duty', { schema: { querystring: periodQuery, response: { 200: shiftsResponse } } }, async (request) => {
    const { from, to } = periodOf(request.query);
    return { shifts: await withActor(request, (ctx) => scheduling.listShifts(ctx, from, to)) };
  });
  app.get('/duty/now', { schema: { response: { 200: onDutyNowResponse } } }, async (request) => ({
    onDuty: await withActor(request, (ctx) => scheduling.onDutyNow(ctx)),
  }));
  app.post(
    '/duty',
    {
      schema: {
        body: addShiftBody,
        response: { 200: createdResponse },
      },
    },
    async (request) =>
      withActor(request, (ctx) =>
        scheduling.addShift(ctx, {
          userId: request.body.userId,
          startsAt: new Date(request.body.startsAt),
          endsAt: new Date(request.body.endsAt),
        }),
      ),
  );
  app.delete('/duty/:id', { schema: { params: idParams, response: { 204: noContent } } }, async (request, reply) => {
    await withActor(request, (ctx) => scheduling.removeShift(ctx, request.params.id));
    return reply.status(204).send();
  });

  app.get('/staff', { schema: { response: { 200: staffResponse } } }, async (request) => ({
    staff: await withActor(request, scheduling.listStaff),
  }));

  app.get('/places', { schema: { response: { 200: placesResponse } } }, async (request) => ({
    places: await withActor(request, scheduling.listPlaces),
  }));
  app.post(
    '/places',
    {
      schema: {
        body: addPlaceBody,
        response: { 200: placeView },
      },
    },
    async (request) => withActor(request, (ctx) => scheduling.addPlace(ctx, request.body)),
  );
  app.delete('/places/:id', { schema: { params: idParams, response: { 204: noContent } } }, async (request, reply) => {
    await withActor(request, (ctx) => scheduling.deactivatePlace(ctx, request.params.id));
    return reply.status(204).send();
  });

  app.get(
    '/availability',
    { schema: { querystring: periodQuery, response: { 200: availabilityResponse } } },
    async (request) => {
      const { from, to } = periodOf(request.query);
      return { windows: await withActor(request, (ctx) => scheduling.listAvailability(ctx, from, to)) };
    },
  );
  app.post(
    '/availability',
    {
      schema: {
        body: addAvailabilityBody,
        response: { 200: createdResponse },
      },
    },
    async (request) =>
      withActor(request, (ctx) =>
        scheduling.addAvailability(ctx, {
          userId: request.body.userId,
          startsAt: new Date(request.body.startsAt),
          endsAt: new Date(request.body.endsAt),
        }),
      ),
  );
  app.delete(
    '/availability/:id',
    { schema: { params: idParams, response: { 204: noContent } } },
    async (request, reply) => {
      await withActor(request, (ctx) => scheduling.removeAvailability(ctx, request.params.id));
      return reply.status(204).send();
    },
  );
}

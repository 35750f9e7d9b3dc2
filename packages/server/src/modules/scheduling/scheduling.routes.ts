import { idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams, isoDateTime, periodOf, periodQuery } from '../../http/schemas.ts';
import * as scheduling from './scheduling.service.ts';

const shift = z.object({
  id: idSchema,
  userId: idSchema,
  displayName: z.string(),
  roles: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
});
const window = z.object({
  id: idSchema,
  userId: idSchema,
  displayName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
const place = z.object({ id: idSchema, name: z.string(), address: z.string().nullable() });
const created = z.object({ id: idSchema });

/** Duty roster, meeting places and staff availability. */
export async function schedulingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/duty',
    { schema: { querystring: periodQuery, response: { 200: z.object({ shifts: z.array(shift) }) } } },
    async (request) => {
      const { from, to } = periodOf(request.query);
      return { shifts: await withActor(request, (ctx) => scheduling.listShifts(ctx, from, to)) };
    },
  );
  app.get('/duty/now', { schema: { response: { 200: z.object({ onDuty: z.array(shift) }) } } }, async (request) => ({
    onDuty: await withActor(request, (ctx) => scheduling.onDutyNow(ctx)),
  }));
  app.post(
    '/duty',
    {
      schema: {
        body: z.object({ userId: idSchema, startsAt: isoDateTime, endsAt: isoDateTime }),
        response: { 200: created },
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
  app.delete('/duty/:id', { schema: { params: idParams } }, async (request, reply) => {
    await withActor(request, (ctx) => scheduling.removeShift(ctx, request.params.id));
    return reply.status(204).send();
  });

  app.get(
    '/staff',
    {
      schema: {
        response: {
          200: z.object({
            staff: z.array(
              z.object({
                userId: idSchema,
                displayName: z.string(),
                roles: z.array(z.string()),
                sealedReader: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ staff: await withActor(request, scheduling.listStaff) }),
  );

  app.get('/places', { schema: { response: { 200: z.object({ places: z.array(place) }) } } }, async (request) => ({
    places: await withActor(request, scheduling.listPlaces),
  }));
  app.post(
    '/places',
    {
      schema: {
        body: z.object({ name: z.string().trim().min(1).max(200), address: z.string().trim().max(300).optional() }),
        response: { 200: place },
      },
    },
    async (request) => withActor(request, (ctx) => scheduling.addPlace(ctx, request.body)),
  );
  app.delete('/places/:id', { schema: { params: idParams } }, async (request, reply) => {
    await withActor(request, (ctx) => scheduling.deactivatePlace(ctx, request.params.id));
    return reply.status(204).send();
  });

  app.get(
    '/availability',
    { schema: { querystring: periodQuery, response: { 200: z.object({ windows: z.array(window) }) } } },
    async (request) => {
      const { from, to } = periodOf(request.query);
      return { windows: await withActor(request, (ctx) => scheduling.listAvailability(ctx, from, to)) };
    },
  );
  app.post(
    '/availability',
    {
      schema: {
        body: z.object({ userId: idSchema.optional(), startsAt: isoDateTime, endsAt: isoDateTime }),
        response: { 200: created },
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
  app.delete('/availability/:id', { schema: { params: idParams } }, async (request, reply) => {
    await withActor(request, (ctx) => scheduling.removeAvailability(ctx, request.params.id));
    return reply.status(204).send();
  });
}

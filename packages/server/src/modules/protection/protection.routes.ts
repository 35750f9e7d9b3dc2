import { idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import { readIdentityLink, recordIdentityLink } from './identity-link.service.ts';
import { changePlacement, createPlacement, listPlacements, viewPlacementAddress } from './placements.service.ts';
import {
  createMeasure,
  createProtectedDataApplication,
  listMeasures,
  listProtectedData,
} from './protected-data.service.ts';

// Bodies are parsed inside the services, after the access check: someone without the protection
// section learns nothing, not even which fields are wrong. The bodies are the domain's
// (packages/domain protection.ts); faults come back in Swedish and English (http/validation-messages.ts).

// Kinds, statuses and authorities are the domain's values (protection.ts: PROVIDER_KINDS,
// PLACEMENT_STATUSES, DECIDING_AUTHORITIES, ...); typed as strings so an older row still lists.
const date = z.string().describe('YYYY-MM-DD');
/** SECURITY: no address field. The address has its own route, behind a fresh second factor. */
const placement = z.object({
  id: idSchema,
  caseId: idSchema,
  providerKind: z.string(),
  providerName: z.string(),
  ivoPermitNumber: z.string().nullable(),
  municipality: z.string(),
  startsOn: date,
  endsOn: date.nullable(),
  /** Whole öre per day. */
  costPerDayOre: z.number().int(),
  status: z.string(),
  createdAt: z.string(),
});
const protectedData = z.object({
  id: idSchema,
  kind: z.string(),
  authority: z.string(),
  status: z.string(),
  appliedOn: date,
  decidedOn: date.nullable(),
  createdAt: z.string(),
});
const measure = z.object({
  id: idSchema,
  kind: z.string(),
  status: z.string(),
  startsOn: date.nullable(),
  endsOn: date.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
const viewState = z.enum(['allowed', 'step_up_required', 'forbidden']);

/** Protection (skydd): placements and their one address view, protected data, the sealed link, measures. */
export async function protectionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/cases/:id/placements',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ placement }) } } },
    async (request) => ({
      placement: await withActor(request, (ctx) => createPlacement(ctx, request.params.id, request.body)),
    }),
  );
  app.get(
    '/cases/:id/placements',
    {
      schema: {
        params: idParams,
        response: { 200: z.object({ placements: z.array(placement), addressView: viewState }) },
      },
    },
    async (request) => withActor(request, (ctx) => listPlacements(ctx, request.params.id)),
  );
  app.patch(
    '/placements/:id',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ placement }) } } },
    async (request) => ({
      placement: await withActor(request, (ctx) => changePlacement(ctx, request.params.id, request.body)),
    }),
  );
  // SECURITY: the stated purpose travels in the body, never the query string, so no proxy or
  // access log records it. A read of the most sensitive field, so a POST (origin-checked).
  app.post(
    '/placements/:id/address',
    {
      schema: {
        params: idParams,
        body: z.object({ purpose: z.string().max(1000).optional() }),
        response: { 200: z.object({ placementId: idSchema, address: z.string() }) },
      },
    },
    async (request) => withActor(request, (ctx) => viewPlacementAddress(ctx, request.params.id, request.body.purpose)),
  );

  app.post(
    '/cases/:id/protected-data',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ application: protectedData }) } } },
    async (request) => ({
      application: await withActor(request, (ctx) =>
        createProtectedDataApplication(ctx, request.params.id, request.body),
      ),
    }),
  );
  app.get(
    '/cases/:id/protected-data',
    { schema: { params: idParams, response: { 200: z.object({ applications: z.array(protectedData) }) } } },
    async (request) => ({
      applications: await withActor(request, (ctx) => listProtectedData(ctx, request.params.id)),
    }),
  );

  app.post(
    '/cases/:id/identity-link',
    {
      schema: {
        params: idParams,
        body: z.unknown(),
        response: { 200: z.object({ id: idSchema, sealedReaderIds: z.array(idSchema) }) },
      },
    },
    async (request) => withActor(request, (ctx) => recordIdentityLink(ctx, request.params.id, request.body)),
  );
  // SECURITY: the stated reason travels in the body, never the query string (see the address view).
  app.post(
    '/cases/:id/identity-link/view',
    {
      schema: {
        params: idParams,
        body: z.object({ reason: z.string().max(1000).optional() }),
        response: {
          200: z.object({ id: idSchema, link: z.string(), sealedReaderIds: z.array(idSchema), createdAt: z.string() }),
        },
      },
    },
    async (request) => withActor(request, (ctx) => readIdentityLink(ctx, request.params.id, request.body.reason)),
  );

  app.post(
    '/cases/:id/measures',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ measure }) } } },
    async (request) => ({
      measure: await withActor(request, (ctx) => createMeasure(ctx, request.params.id, request.body)),
    }),
  );
  app.get(
    '/cases/:id/measures',
    { schema: { params: idParams, response: { 200: z.object({ measures: z.array(measure) }) } } },
    async (request) => ({
      measures: await withActor(request, (ctx) => listMeasures(ctx, request.params.id)),
    }),
  );
}

import {
  addressViewBody,
  createPlacementBody,
  identityLinkBody,
  identityLinkRecorded,
  identityLinkView,
  identityLinkViewBody,
  measureResponse,
  measuresResponse,
  placementAddressResponse,
  placementResponse,
  placementsResponse,
  placementUpdateBody,
  protectedDataApplicationBody,
  protectedDataListResponse,
  protectedDataResponse,
  protectiveMeasureBody,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import { deferBodyValidation, deferredBody } from '../../http/deferred-body.ts';
import { readIdentityLink, recordIdentityLink } from './identity-link.service.ts';
import { changePlacement, createPlacement, listPlacements, viewPlacementAddress } from './placements.service.ts';
import {
  createMeasure,
  createProtectedDataApplication,
  listMeasures,
  listProtectedData,
} from './protected-data.service.ts';

// The bodies are the contract's (packages/domain contract/protection.contract.ts), checked here
// but opened by the services only after the access check: someone without the protection
// section learns nothing, not even which fields are wrong (http/deferred-body.ts). Faults come
// back in Swedish and English (http/validation-messages.ts).

/** Protection (skydd): placements and their one address view, protected data, the sealed link, measures. */
export async function protectionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/cases/:id/placements',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: createPlacementBody, response: { 200: placementResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return { placement: await withActor(request, (ctx) => createPlacement(ctx, request.params.id, body)) };
    },
  );
  app.get(
    '/cases/:id/placements',
    { schema: { params: idParams, response: { 200: placementsResponse } } },
    async (request) => withActor(request, (ctx) => listPlacements(ctx, request.params.id)),
  );
  app.patch(
    '/placements/:id',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: placementUpdateBody, response: { 200: placementResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return { placement: await withActor(request, (ctx) => changePlacement(ctx, request.params.id, body)) };
    },
  );
  // SECURITY: the stated purpose travels in the body, never the query string, so no proxy or
  // access log records it. A read of the most sensitive field, so a POST (origin-checked).
  app.post(
    '/placements/:id/address',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: addressViewBody, response: { 200: placementAddressResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return withActor(request, (ctx) => viewPlacementAddress(ctx, request.params.id, body));
    },
  );

  app.post(
    '/cases/:id/protected-data',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: protectedDataApplicationBody, response: { 200: protectedDataResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return {
        application: await withActor(request, (ctx) => createProtectedDataApplication(ctx, request.params.id, body)),
      };
    },
  );
  app.get(
    '/cases/:id/protected-data',
    { schema: { params: idParams, response: { 200: protectedDataListResponse } } },
    async (request) => ({
      applications: await withActor(request, (ctx) => listProtectedData(ctx, request.params.id)),
    }),
  );

  app.post(
    '/cases/:id/identity-link',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: identityLinkBody, response: { 200: identityLinkRecorded } },
    },
    async (request) => {
      const body = deferredBody(request);
      return withActor(request, (ctx) => recordIdentityLink(ctx, request.params.id, body));
    },
  );
  // SECURITY: the stated reason travels in the body, never the query string (see the address view).
  app.post(
    '/cases/:id/identity-link/view',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: identityLinkViewBody, response: { 200: identityLinkView } },
    },
    async (request) => {
      const body = deferredBody(request);
      return withActor(request, (ctx) => readIdentityLink(ctx, request.params.id, body));
    },
  );

  app.post(
    '/cases/:id/measures',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: protectiveMeasureBody, response: { 200: measureResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return { measure: await withActor(request, (ctx) => createMeasure(ctx, request.params.id, body)) };
    },
  );
  app.get(
    '/cases/:id/measures',
    { schema: { params: idParams, response: { 200: measuresResponse } } },
    async (request) => ({
      measures: await withActor(request, (ctx) => listMeasures(ctx, request.params.id)),
    }),
  );
}

import {
  callListQuery,
  callListResponse,
  callView,
  createCallBody,
  createCallResponse,
  personnummerLookupBody,
  personnummerLookupResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { lookupPersonnummer } from '../cases/case-lookup.ts';
import { createCall, getCall, listCalls } from './calls.service.ts';

/** The hotline: logging calls (which may open a case), listing them, and the duplicate check. */
export async function callRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // The body is checked against the server's clock at each parse: a call cannot be received in
  // the future, nor a call-back set in the past.
  app.post('/calls', { schema: { body: createCallBody, response: { 200: createCallResponse } } }, async (request) => {
    const result = await withActor(request, (ctx) => createCall(ctx, request.body));
    return { call: result.call, case: result.case };
  });

  app.get('/calls', { schema: { querystring: callListQuery, response: { 200: callListResponse } } }, async (request) =>
    withActor(request, (ctx) => listCalls(ctx, request.query)),
  );

  app.get('/calls/:id', { schema: { params: idParams, response: { 200: callView } } }, async (request) =>
    withActor(request, (ctx) => getCall(ctx, request.params.id)),
  );

  app.post(
    '/cases/lookup',
    { schema: { body: personnummerLookupBody, response: { 200: personnummerLookupResponse } } },
    async (request) => ({
      matches: await withActor(request, (ctx) => lookupPersonnummer(ctx, request.body.personnummer)),
    }),
  );
}

import { callListQuery, callListResponse, CALL_DECISIONS, makeCreateCallBody, idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { lookupPersonnummer } from '../cases/case-lookup.ts';
import { createCall, getCall, listCalls } from './calls.service.ts';

/** The hotline: logging calls (which may open a case), listing them, and the duplicate check. */
export async function callRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/calls',
    {
      // The body schema is made per request (parsed in the handler): a call cannot be received in
      // the future, nor a call-back set in the past, and "now" is the server's clock.
      schema: {
        body: z.unknown(),
        response: {
          200: z.object({
            call: z.object({ id: idSchema, decision: z.enum(CALL_DECISIONS), acute: z.boolean() }),
            case: z.object({ id: idSchema, code: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const body = parseOrThrow(makeCreateCallBody(new Date()), request.body);
      const result = await withActor(request, (ctx) => createCall(ctx, body));
      return { call: result.call, case: result.case };
    },
  );

  app.get('/calls', { schema: { querystring: callListQuery, response: { 200: callListResponse } } }, async (request) =>
    withActor(request, (ctx) => listCalls(ctx, request.query)),
  );

  app.get('/calls/:id', { schema: { params: idParams } }, async (request) =>
    withActor(request, (ctx) => getCall(ctx, request.params.id)),
  );

  app.post(
    '/cases/lookup',
    {
      schema: {
        body: z.object({ personnummer: z.string().max(20) }),
        response: {
          200: z.object({
            matches: z.array(
              z.object({
                onTeam: z.boolean(),
                caseId: idSchema.nullable(),
                caseCode: z.string().nullable(),
                contacts: z.array(z.object({ displayName: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      matches: await withActor(request, (ctx) => lookupPersonnummer(ctx, request.body.personnummer)),
    }),
  );
}

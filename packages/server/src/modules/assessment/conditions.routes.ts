import {
  conditionsAgreementBody,
  conditionsSignaturesResponse,
  conditionsVersionView,
  createdResponse,
  signConditionsBody,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { createConditionsVersion, getCurrentConditions, listSignatures, signConditions } from './conditions.service.ts';

/** The programme's conditions agreement and the person's signatures of it. */
export async function conditionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/conditions', { schema: { response: { 200: conditionsVersionView } } }, async (request) =>
    withActor(request, getCurrentConditions),
  );

  app.post(
    '/admin/conditions',
    { schema: { body: conditionsAgreementBody, response: { 200: conditionsVersionView } } },
    async (request) => withActor(request, (ctx) => createConditionsVersion(ctx, request.body)),
  );

  app.post(
    '/cases/:id/conditions-signatures',
    { schema: { params: idParams, body: signConditionsBody, response: { 200: createdResponse } } },
    async (request) => withActor(request, (ctx) => signConditions(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/conditions-signatures',
    { schema: { params: idParams, response: { 200: conditionsSignaturesResponse } } },
    async (request) => ({
      signatures: await withActor(request, (ctx) => listSignatures(ctx, request.params.id)),
    }),
  );
}

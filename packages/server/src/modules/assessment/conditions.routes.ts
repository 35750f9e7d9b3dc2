import { conditionsAgreementBody, makeSignConditionsBody, SIGNING_METHODS, idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { createConditionsVersion, getCurrentConditions, listSignatures, signConditions } from './conditions.service.ts';

const condition = z.object({ id: z.string(), text: z.object({ sv: z.string(), en: z.string() }) });
const version = z.object({ version: z.number().int(), conditions: z.array(condition), createdAt: z.string() });
const signature = z.object({
  id: idSchema,
  version: z.number().int(),
  signedAt: z.string(),
  method: z.enum(SIGNING_METHODS),
  witnessName: z.string().nullable(),
  attachmentId: idSchema.nullable(),
  recordedBy: idSchema,
  conditions: z.array(condition),
});

/** The programme's conditions agreement and the person's signatures of it. */
export async function conditionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/conditions', { schema: { response: { 200: version } } }, async (request) =>
    withActor(request, getCurrentConditions),
  );

  app.post('/admin/conditions', { schema: { body: z.unknown(), response: { 200: version } } }, async (request) => {
    const body = parseOrThrow(conditionsAgreementBody, request.body);
    return withActor(request, (ctx) => createConditionsVersion(ctx, body));
  });

  app.post(
    '/cases/:id/conditions-signatures',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ id: idSchema }) } } },
    async (request) => {
      const body = parseOrThrow(makeSignConditionsBody(new Date()), request.body);
      return withActor(request, (ctx) => signConditions(ctx, request.params.id, body));
    },
  );

  app.get(
    '/cases/:id/conditions-signatures',
    { schema: { params: idParams, response: { 200: z.object({ signatures: z.array(signature) }) } } },
    async (request) => ({
      signatures: await withActor(request, (ctx) => listSignatures(ctx, request.params.id)),
    }),
  );
}

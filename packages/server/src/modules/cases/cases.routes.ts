import { abilitiesSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { withActorLoggingRefusals } from '../audit/audit-refusal-handler.ts';
import { getCase, listMyCases } from './cases.service.ts';

const caseSummary = z.object({ id: z.uuid(), code: z.string(), state: z.string(), abilities: abilitiesSchema });
const identity = z.object({
  name: z.string().nullable(),
  personnummer: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

/** Case routes. The case screens come with the intake issue; these carry the need-to-know core. */
export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/cases', { schema: { response: { 200: z.object({ cases: z.array(caseSummary) }) } } }, async (request) => ({
    cases: await withActor(request, listMyCases),
  }));
  app.get(
    '/cases/:id',
    {
      schema: {
        params: z.object({ id: z.uuid() }),
        response: { 200: caseSummary.extend({ identity: identity.nullable() }) },
      },
    },
    async (request) => withActorLoggingRefusals(request, (ctx) => getCase(ctx, request.params.id)),
  );
}

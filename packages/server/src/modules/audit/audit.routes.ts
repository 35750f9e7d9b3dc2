import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { auditEntriesQuery, auditEntrySchema, auditVerifySchema } from './audit.schemas.ts';
import { searchEntries, verifyChain } from './audit.service.ts';

/** The auditor's log search and chain verification. Auditors only; every use is itself logged. */
export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/entries',
    { schema: { querystring: auditEntriesQuery, response: { 200: z.object({ entries: z.array(auditEntrySchema) }) } } },
    async (request) => ({
      entries: await withActor(request, (ctx) => searchEntries(ctx, request.query)),
    }),
  );
  app.post('/verify', { schema: { response: { 200: auditVerifySchema } } }, async (request) =>
    withActor(request, verifyChain),
  );
}

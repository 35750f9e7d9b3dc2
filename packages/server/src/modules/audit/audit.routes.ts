import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntriesResponse, emptyBody } from '@utvag/domain';
import { withActor } from '../../http/context.ts';
import { auditEntriesQuery, auditVerifySchema } from './audit.schemas.ts';
import { searchEntries, verifyChain } from './audit.service.ts';

/** The auditor's log search and chain verification. Auditors only; every use is itself logged. */
export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/entries',
    { schema: { querystring: auditEntriesQuery, response: { 200: auditEntriesResponse } } },
    async (request) => withActor(request, (ctx) => searchEntries(ctx, request.query)),
  );
  app.post('/verify', { schema: { body: emptyBody, response: { 200: auditVerifySchema } } }, async (request) =>
    withActor(request, verifyChain),
  );
}

import { meResponse, switchProgrammeBody } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withTransaction } from '../../db/database.ts';
import { requireSession } from '../../http/context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { describeMe, switchProgramme } from './me.service.ts';

/** The signed-in user's own view: who am I, where am I, what may I do. */
export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/me', { schema: { response: { 200: meResponse } } }, async (request) => {
    const session = requireSession(request);
    return withTransaction(db(), { userId: session.userId, programmeId: session.programmeId }, (tx) =>
      describeMe(tx, session),
    );
  });

  app.post(
    '/me/programme',
    { schema: { body: switchProgrammeBody, response: { 200: meResponse } } },
    async (request) => {
      const session = requireSession(request);
      return withTransaction(db(), { userId: session.userId, programmeId: request.body.programmeId }, async (tx) => {
        const switched = await switchProgramme(tx, session, request.body.programmeId);
        await appendAudit(tx, app.deps.keys, {
          actorUserId: session.userId,
          programmeId: switched.programmeId,
          action: 'session:switch_programme',
        });
        return describeMe(tx, switched);
      });
    },
  );
}

import { abilitiesSchema, roleSchema, idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/database.ts';
import { requireSession } from '../../http/context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { describeMe, switchProgramme } from './me.service.ts';

const programmeRef = z.object({ id: idSchema, code: z.string(), name: z.string() });
const meResponse = z.object({
  user: z.object({
    id: idSchema,
    username: z.string(),
    displayName: z.string(),
    organisation: z.object({ id: idSchema, name: z.string(), kind: z.string() }),
  }),
  programme: programmeRef.nullable(),
  programmes: z.array(programmeRef.extend({ roles: z.array(roleSchema) })),
  roles: z.array(roleSchema),
  abilities: abilitiesSchema,
  session: z.object({
    idleTimeoutSeconds: z.number(),
    absoluteExpiresAt: z.string(),
    freshSecondFactorUntil: z.string().nullable(),
  }),
});

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
    { schema: { body: z.object({ programmeId: idSchema }), response: { 200: meResponse } } },
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

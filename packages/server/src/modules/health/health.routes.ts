import type { FastifyInstance } from 'fastify';
import { migrationState } from '../../db/database.ts';

/** /healthz: the process is alive. /readyz: the database answers and every migration is applied. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      const { applied, expected } = await migrationState(app.deps.database);
      if (applied < expected) {
        return reply.status(503).send({ status: 'migrations_pending', applied, expected });
      }
      return { status: 'ready', migrations: applied };
    } catch {
      return reply.status(503).send({ status: 'database_unavailable' });
    }
  });
}

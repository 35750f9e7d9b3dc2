import type { FastifyInstance } from 'fastify';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../db/database.ts';

const expectedMigrations = readMigrationFiles({ migrationsFolder }).length;

/** /healthz: the process is alive. /readyz: the database answers and every migration is applied. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      const result = await app.deps.database.pool.query<{ n: string }>(
        'select count(*) as n from drizzle.__drizzle_migrations',
      );
      const applied = Number(result.rows[0]?.n ?? 0);
      if (applied < expectedMigrations) {
        return reply.status(503).send({ status: 'migrations_pending', applied, expected: expectedMigrations });
      }
      return { status: 'ready', migrations: applied };
    } catch {
      return reply.status(503).send({ status: 'database_unavailable' });
    }
  });
}

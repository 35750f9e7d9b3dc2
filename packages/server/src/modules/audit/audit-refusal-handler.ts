import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../db/database.ts';
import { withActor, type ServiceContext } from '../../http/context.ts';
import { refusedEvent } from './audit-refusal.ts';
import { appendAudit } from './audit.service.ts';

/**
 * `withActor` for services that may refuse with `refusal(…)`: the refusal is appended to the
 * audit log in its own transaction, after the service's transaction has rolled back, and the
 * error is then answered as usual.
 */
export async function withActorLoggingRefusals<T>(
  request: FastifyRequest,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  try {
    return await withActor(request, fn);
  } catch (error) {
    const event = refusedEvent(error);
    if (event)
      await withTransaction(request.server.deps.database.db, {}, (tx) =>
        appendAudit(tx, request.server.deps.keys, event),
      );
    throw error;
  }
}

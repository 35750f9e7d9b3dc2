import { AppError } from '@utvag/domain';
import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../db/database.ts';
import { loadActor } from '../modules/auth/actor.service.ts';
import type { ResolvedSession } from '../modules/auth/sessions.service.ts';
import { refusedEvent } from '../modules/audit/audit-refusal.ts';
import { appendAudit, appendAuditEntries } from '../modules/audit/audit.service.ts';
import type { AppDeps, ContextAuditEvent, ServiceContext } from '../service-context.ts';

// The HTTP layer's side of a service call: it resolves the actor from the session and runs the
// service in one transaction. The types services use live in service-context.ts, which imports
// no module, so this file may use the modules without an import cycle.

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Who may call a route: anyone, a half-signed-in user, or (default) a fully signed-in user. */
    auth?: 'public' | 'second_factor' | 'full';
  }
}

/** SECURITY: every audited read of a case opened by break-the-glass is marked as such. */
function markBreakGlass(actor: ServiceContext['actor'], event: ContextAuditEvent): ContextAuditEvent {
  const caseId = event.recordType === 'case' ? event.recordId : (event.details?.caseId as string | undefined);
  if (!caseId || !actor.breakGlassCaseIds?.includes(caseId)) return event;
  return { ...event, details: { ...(event.details ?? {}), breakGlass: true } };
}

/** The fully signed-in session of a request, or 401. */
export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session || request.session.stage !== 'full') throw new AppError('unauthenticated');
  return request.session;
}

/**
 * Runs a service call in one transaction with the actor set on the database session, so
 * row-level security and the audit entries share the transaction of the action.
 * SECURITY: a refusal thrown with `refusal(…)` (see `modules/access`) is appended to the audit
 * log in its own transaction after the service's transaction has rolled back, so a refused
 * access is always logged — this is the only wrapper, every route goes through it.
 */
export async function withActor<T>(request: FastifyRequest, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const session = requireSession(request);
  const deps = request.server.deps;
  try {
    return await withTransaction(
      deps.database.db,
      { userId: session.userId, programmeId: session.programmeId },
      async (tx) => {
        const actor = await loadActor(tx, session);
        const ctx: ServiceContext = {
          actor,
          tx,
          deps,
          log: request.log,
          audit: (event) => ctx.auditAll([event]),
          auditAll: (events) =>
            appendAuditEntries(
              tx,
              deps.keys,
              events.map((event) => ({
                ...markBreakGlass(actor, event),
                actorUserId: actor.userId,
                programmeId: session.programmeId,
              })),
            ),
        };
        return fn(ctx);
      },
    );
  } catch (error) {
    const event = refusedEvent(error);
    if (event) await withTransaction(deps.database.db, {}, (tx) => appendAudit(tx, deps.keys, event));
    throw error;
  }
}

/** The client address as a throttling key input (never stored in clear). */
export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}

export { loadActor };
export type { AppDeps, ServiceContext };

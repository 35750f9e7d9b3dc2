import { AppError, type Actor, type Role } from '@utvag/domain';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { withTransaction, type Database, type Tx } from '../db/database.ts';
import { breakGlassGrants, memberships, users } from '../db/schema.ts';
import { appendAudit, type AuditEvent } from '../modules/audit/audit.service.ts';
import type { ResolvedSession } from '../modules/auth/sessions.service.ts';
import { hasFreshSecondFactor } from '../modules/auth/step-up.service.ts';
import type { Keys } from '../modules/crypto/keys.ts';
import type { LiveHub } from '../modules/notifications/live-events.ts';
import type { Mailer } from '../modules/notifications/mailer.ts';

/** What every route and service may use; built once at start. */
export type AppDeps = {
  config: Config;
  database: Database;
  keys: Keys;
  /** Built web app to serve, or null when only the API runs. */
  webDist: string | null;
  /** Staff e-mail (no personal data). */
  mailer: Mailer;
  /** Live events to open screens, across app instances (LISTEN/NOTIFY). */
  live: LiveHub;
};

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

/** The context a service function receives: the actor, its transaction, audit and log. */
export type ServiceContext = {
  actor: Actor;
  tx: Tx;
  audit: (event: Omit<AuditEvent, 'actorUserId' | 'programmeId'>) => Promise<void>;
  log: FastifyBaseLogger;
  deps: AppDeps;
};

/** Loads the actor (user, organisation and roles in the active programme) for a session. */
export async function loadActor(tx: Tx, session: ResolvedSession): Promise<Actor> {
  const [user] = await tx
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, session.userId));
  if (!user) throw new AppError('unauthenticated');
  const roles = session.programmeId
    ? await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.userId, session.userId), eq(memberships.programmeId, session.programmeId)))
    : [];
  // Emergency access a coordinator stated a reason for; it lapses by itself.
  const grants = session.programmeId
    ? await tx
        .select({ caseId: breakGlassGrants.caseId })
        .from(breakGlassGrants)
        .where(
          and(
            eq(breakGlassGrants.userId, session.userId),
            eq(breakGlassGrants.programmeId, session.programmeId),
            gt(breakGlassGrants.expiresAt, new Date()),
          ),
        )
    : [];
  return {
    userId: session.userId,
    programmeId: session.programmeId ?? '',
    organisationId: user.organisationId,
    roles: roles.map((r) => r.role as Role),
    breakGlassCaseIds: grants.map((g) => g.caseId),
    freshSecondFactor: hasFreshSecondFactor(session),
  };
}

/** SECURITY: every audited read of a case opened by break-the-glass is marked as such. */
function markBreakGlass(actor: Actor, event: Omit<AuditEvent, 'actorUserId' | 'programmeId'>) {
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
 */
export async function withActor<T>(request: FastifyRequest, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const session = requireSession(request);
  const deps = request.server.deps;
  return withTransaction(deps.database.db, { userId: session.userId, programmeId: session.programmeId }, async (tx) => {
    const actor = await loadActor(tx, session);
    const ctx: ServiceContext = {
      actor,
      tx,
      deps,
      log: request.log,
      audit: (event) =>
        appendAudit(tx, deps.keys, {
          ...markBreakGlass(actor, event),
          actorUserId: actor.userId,
          programmeId: session.programmeId,
        }),
    };
    return fn(ctx);
  });
}

/** The client address as a throttling key input (never stored in clear). */
export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}

export type { Config, Database, Keys };

import { withTransaction, type Db, type Tx } from '../../db/database.ts';
import {
  endSessionRow,
  endSessionsOfUser,
  insertSession,
  openSessionByTokenHash,
  updateSession,
} from './auth.repository.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'utvag_session';
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A half-finished sign-in (password given, second factor not yet) lives five minutes. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000;
const TOUCH_INTERVAL_MS = 30 * 1000;

export type SessionStage = 'password' | 'full';

export type ResolvedSession = {
  id: string;
  userId: string;
  stage: SessionStage;
  programmeId: string | null;
  challenge: string | null;
  /** When the second factor was last proven (sign-in or a fresh check before a sensitive view). */
  secondFactorAt: Date | null;
  createdAt: Date;
  absoluteExpiresAt: Date;
};

/** Starts a new session with a fresh token. SECURITY: a session id is never reused or taken from the client. */
export async function createSession(tx: Tx, userId: string, stage: SessionStage): Promise<string> {
  const token = newToken();
  await insertSession(tx, { tokenHash: hashToken(token), userId, stage });
  return token;
}

/** Moves a session to the full stage under a NEW token, so a token seen before sign-in is worthless after. */
export async function promoteSession(tx: Tx, sessionId: string, programmeId: string | null): Promise<string> {
  const token = newToken();
  const now = new Date();
  await updateSession(tx, sessionId, {
    tokenHash: hashToken(token),
    stage: 'full',
    challenge: null,
    secondFactorAt: now,
    lastSeenAt: now,
    programmeId,
  });
  return token;
}

/** Ends one session server-side. */
export async function endSession(tx: Tx, sessionId: string, reason: string): Promise<void> {
  await endSessionRow(tx, sessionId, reason);
}

/** Ends every open session of a user (sign out everywhere, deactivation, second-factor reset). */
export async function endAllSessions(tx: Tx, userId: string, reason: string): Promise<number> {
  return endSessionsOfUser(tx, userId, reason);
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof openSessionByTokenHash>>>;

/**
 * What a session row means now: an end reason (idle, past its lifetime, user inactive), or live —
 * and then whether its idle clock is due a refresh. The one rule both the quick path and the
 * transactional path below apply.
 */
function judgeSession(row: SessionRow, now: Date, touch: boolean): { end: string } | { live: true; touch: boolean } {
  const s = row.session;
  const absoluteExpiresAt = s.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS;
  // SECURITY: a half-open session's window runs from its creation; touching it must not extend it.
  const idleSince = s.stage === 'full' ? s.lastSeenAt : s.createdAt;
  const idleLimit = s.stage === 'full' ? IDLE_TIMEOUT_MS : SECOND_FACTOR_WINDOW_MS;
  if (row.userStatus !== 'active') return { end: 'user_inactive' };
  if (now.getTime() - idleSince.getTime() > idleLimit) return { end: 'idle' };
  if (now.getTime() >= absoluteExpiresAt) return { end: 'absolute' };
  return { live: true, touch: touch && now.getTime() - s.lastSeenAt.getTime() > TOUCH_INTERVAL_MS };
}

function resolved(row: SessionRow): ResolvedSession {
  const s = row.session;
  return {
    id: s.id,
    userId: s.userId,
    stage: s.stage as SessionStage,
    programmeId: s.programmeId,
    challenge: s.challenge,
    secondFactorAt: s.secondFactorAt,
    createdAt: s.createdAt,
    absoluteExpiresAt: new Date(s.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS),
  };
}

/**
 * Finds the live session for a cookie token and refreshes its idle clock. Returns null (and
 * ends the session) when it is idle too long, past its absolute lifetime, or its user is no
 * longer active.
 */
export async function resolveSession(
  tx: Tx,
  token: string,
  now = new Date(),
  options: { touch: boolean } = { touch: true },
): Promise<ResolvedSession | null> {
  const row = await openSessionByTokenHash(tx, hashToken(token));
  if (!row) return null;
  const verdict = judgeSession(row, now, options.touch);
  if ('end' in verdict) {
    await endSession(tx, row.session.id, verdict.end);
    return null;
  }
  if (verdict.touch) await updateSession(tx, row.session.id, { lastSeenAt: now });
  return resolved(row);
}

/**
 * The same as `resolveSession` in a transaction of its own, but a session that is live and needs
 * no write (its idle clock was refreshed in the last 30 s: nearly every request) is answered from
 * one statement, without the four round trips of a transaction. Anything that writes (ending it,
 * refreshing its clock) reads the row again inside a transaction and decides there.
 */
export async function resolveSessionOnce(db: Db, token: string, now = new Date()): Promise<ResolvedSession | null> {
  const row = await openSessionByTokenHash(db, hashToken(token));
  if (!row) return null;
  const verdict = judgeSession(row, now, true);
  if ('live' in verdict && !verdict.touch) return resolved(row);
  return withTransaction(db, {}, (tx) => resolveSession(tx, token, now));
}

import { AppError } from '@utvag/domain';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { withTransaction } from '../../db/database.ts';
import type { AppDeps, ServiceContext } from '../../service-context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { updateSession, userById } from './auth.repository.ts';
import { relyingParty } from './auth.service.ts';
import { passkeyAuthenticationOptions, verifyPasskey, verifyUserTotp } from './second-factor.ts';
import type { ResolvedSession } from './sessions.service.ts';
import { assertNotLocked, recordFailure, throttleKeys } from './throttle.service.ts';

/** How long a fresh second-factor check opens the most sensitive views (the protected address). */
export const FRESH_SECOND_FACTOR_MS = 5 * 60 * 1000;

/** True when the session proved its second factor within the last five minutes. */
export function hasFreshSecondFactor(session: Pick<ResolvedSession, 'secondFactorAt'>, now = new Date()): boolean {
  return !!session.secondFactorAt && now.getTime() - session.secondFactorAt.getTime() <= FRESH_SECOND_FACTOR_MS;
}

/** WebAuthn options for re-proving the second factor inside a signed-in session. */
export async function stepUpPasskeyOptions(ctx: ServiceContext, session: ResolvedSession) {
  const options = await passkeyAuthenticationOptions(ctx.tx, relyingParty(ctx.deps), session.userId);
  await updateSession(ctx.tx, session.id, { challenge: options.challenge });
  return options;
}

type Proof = { method: 'totp'; code: string } | { method: 'passkey'; response: AuthenticationResponseJSON };

/**
 * Re-proves the second factor before a sensitive view. Failures count toward the account's
 * lockout exactly like sign-in failures, so the check cannot be guessed at.
 * Its own transaction, not the request's: a failure's count and audit entry must commit although
 * the answer is a refusal (a request transaction would roll them back with the error).
 */
export async function stepUp(
  deps: AppDeps,
  session: ResolvedSession,
  proof: Proof,
  address: string,
): Promise<{ freshUntil: string }> {
  const outcome = await withTransaction(deps.database.db, {}, async (tx) => {
    const user = await userById(tx, session.userId);
    const keys = throttleKeys(deps.keys.throttle, user!.username, address);
    await assertNotLocked(tx, keys);
    const ok =
      proof.method === 'totp'
        ? await verifyUserTotp(tx, deps.keys.master, session.userId, proof.code)
        : session.challenge !== null &&
          (await verifyPasskey(tx, relyingParty(deps), session.userId, session.challenge, proof.response));
    if (!ok) {
      await recordFailure(tx, keys);
      await appendAudit(tx, deps.keys, {
        actorUserId: session.userId,
        programmeId: session.programmeId,
        action: 'auth:step_up',
        outcome: 'failure',
        details: { method: proof.method },
      });
      return { ok: false as const };
    }
    const now = new Date();
    await updateSession(tx, session.id, { secondFactorAt: now, challenge: null });
    await appendAudit(tx, deps.keys, {
      actorUserId: session.userId,
      programmeId: session.programmeId,
      action: 'auth:step_up',
      details: { method: proof.method },
    });
    return { ok: true as const, freshUntil: new Date(now.getTime() + FRESH_SECOND_FACTOR_MS).toISOString() };
  });
  if (!outcome.ok)
    throw new AppError('unauthenticated', {
      message: 'The code or key was not accepted.',
      messageKey: 'errors.invalid_code',
    });
  return { freshUntil: outcome.freshUntil };
}

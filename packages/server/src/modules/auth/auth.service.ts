import { AppError } from '@utvag/domain';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppDeps, ServiceContext } from '../../service-context.ts';
import { withTransaction, type Tx } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import {
  firstProgrammeOf,
  programmePoliciesOfUser,
  updateSession,
  userById,
  userByUsername,
} from './auth.repository.ts';
import { verifyPassword } from './passwords.ts';
import {
  passkeyAuthenticationOptions,
  secondFactorsOf,
  useRecoveryCode,
  verifyPasskey,
  verifyUserTotp,
  type RelyingParty,
} from './second-factor.ts';
import { createSession, endAllSessions, endSession, promoteSession, type ResolvedSession } from './sessions.service.ts';
import { assertNotLocked, clearAccountFailures, recordFailure, throttleKeys } from './throttle.service.ts';

export type SecondFactorMethod = 'passkey' | 'totp' | 'recovery';

// Why the sign-in steps open their own transactions instead of taking a ServiceContext: before
// the second factor there is no actor (and no request transaction — withActor wants a full
// session), and a failed attempt must COMMIT its throttle count and audit entry even though the
// answer is a refusal; a request transaction would roll them back with the error. So each step
// commits its outcome and throws only after. Signing out everywhere has a full session and runs
// in the request's transaction like any service.

const invalidCredentials = () =>
  new AppError('unauthenticated', { message: 'Wrong username or password.', messageKey: 'errors.invalid_credentials' });
const invalidCode = () =>
  new AppError('unauthenticated', { message: 'The code or key was not accepted.', messageKey: 'errors.invalid_code' });

/** The relying party for WebAuthn: the public URL's origin and host. */
export function relyingParty(deps: AppDeps): RelyingParty {
  return { name: 'Utväg', id: deps.config.rpId, origin: deps.config.publicUrl.origin };
}

/** True when any programme the user belongs to demands phishing-resistant sign-in (passkeys only). */
export async function requiresPhishingResistant(tx: Tx, userId: string): Promise<boolean> {
  return (await programmePoliciesOfUser(tx, userId)).some((r) => r.strict);
}

async function allowedMethods(tx: Tx, userId: string): Promise<SecondFactorMethod[]> {
  const strict = await requiresPhishingResistant(tx, userId);
  const factors = (await secondFactorsOf(tx, userId)).filter((f) => !(strict && f === 'totp'));
  return [...factors, 'recovery'];
}

/**
 * First factor. Failures are counted and audited in their own committed transaction, and the
 * answer is the same for an unknown user and a wrong password.
 */
export async function signInWithPassword(
  deps: AppDeps,
  input: { username: string; password: string; address: string; replacesSessionId?: string | null },
): Promise<{ token: string; methods: SecondFactorMethod[] }> {
  const keys = throttleKeys(deps.keys.throttle, input.username, input.address);
  const outcome = await withTransaction(deps.database.db, {}, async (tx) => {
    try {
      await assertNotLocked(tx, keys);
    } catch (error) {
      await appendAudit(tx, deps.keys, {
        actorUserId: null,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'denied',
        details: { reason: 'locked' },
      });
      return { error };
    }
    const user = await userByUsername(tx, input.username.trim().toLowerCase());
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!user || !passwordOk || user.status !== 'active') {
      await recordFailure(tx, keys);
      await appendAudit(tx, deps.keys, {
        actorUserId: user?.id ?? null,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'failure',
        details: { reason: 'invalid_credentials', stage: 'password' },
      });
      return { error: invalidCredentials() };
    }
    // The browser's cookie is about to be overwritten: the session it named must not live on unseen.
    if (input.replacesSessionId) await endSession(tx, input.replacesSessionId, 'replaced');
    const token = await createSession(tx, user.id, 'password');
    return { token, methods: await allowedMethods(tx, user.id) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

/** WebAuthn options for the second step; the challenge is kept on the half-open session. */
export async function passkeySignInOptions(deps: AppDeps, session: ResolvedSession) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const options = await passkeyAuthenticationOptions(tx, relyingParty(deps), session.userId);
    await updateSession(tx, session.id, { challenge: options.challenge });
    return options;
  });
}

type SecondFactorProof =
  | { method: 'passkey'; response: AuthenticationResponseJSON }
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string };

/**
 * Second factor. On success the session is promoted under a new token (no fixation) and its
 * programme set; on failure the attempt counts toward the account's lockout.
 */
export async function completeSecondFactor(
  deps: AppDeps,
  session: ResolvedSession,
  proof: SecondFactorProof,
  address: string,
): Promise<{ token: string }> {
  const outcome = await withTransaction(deps.database.db, {}, async (tx) => {
    const user = await userById(tx, session.userId);
    if (!user) return { error: invalidCode() };
    const keys = throttleKeys(deps.keys.throttle, user.username, address);
    try {
      await assertNotLocked(tx, keys);
    } catch (error) {
      await endSession(tx, session.id, 'locked');
      return { error };
    }
    let ok: boolean;
    if (proof.method === 'passkey') {
      ok =
        session.challenge !== null &&
        (await verifyPasskey(tx, relyingParty(deps), user.id, session.challenge, proof.response));
    } else if (proof.method === 'totp') {
      if (await requiresPhishingResistant(tx, user.id)) {
        return {
          error: new AppError('forbidden', {
            message: 'This programme requires a passkey.',
            messageKey: 'errors.totp_not_allowed',
          }),
        };
      }
      ok = await verifyUserTotp(tx, deps.keys.master, user.id, proof.code);
    } else {
      ok = (await useRecoveryCode(tx, user.id, proof.code)) !== null;
    }
    if (!ok) {
      await recordFailure(tx, keys);
      await appendAudit(tx, deps.keys, {
        actorUserId: user.id,
        programmeId: null,
        action: 'auth:sign_in',
        outcome: 'failure',
        details: { reason: 'second_factor', method: proof.method },
      });
      return { error: invalidCode() };
    }
    await clearAccountFailures(tx, keys.account);
    const programmeId = await firstProgrammeOf(tx, user.id);
    const token = await promoteSession(tx, session.id, programmeId);
    await appendAudit(tx, deps.keys, {
      actorUserId: user.id,
      programmeId,
      action: 'auth:sign_in',
      outcome: 'success',
      details: { method: proof.method },
    });
    return { token };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

/** Ends this session (sign out). Public: a half-signed-in session may end too, so it has no actor. */
export async function signOut(deps: AppDeps, session: ResolvedSession): Promise<void> {
  await withTransaction(deps.database.db, {}, async (tx) => {
    await endSession(tx, session.id, 'sign_out');
    await appendAudit(tx, deps.keys, {
      actorUserId: session.userId,
      programmeId: session.programmeId,
      action: 'auth:sign_out',
    });
  });
}

/** Ends every session of the user, on every device. */
export async function signOutEverywhere(ctx: ServiceContext): Promise<void> {
  const count = await endAllSessions(ctx.tx, ctx.actor.userId, 'sign_out_everywhere');
  await ctx.audit({ action: 'auth:sign_out_everywhere', details: { sessions: count } });
}

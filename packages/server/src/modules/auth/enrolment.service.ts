import { AppError, checkPassword, type CreateOrganisationBody, ADMINISTRATION_ROLE } from '@utvag/domain';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppDeps } from '../../service-context.ts';
import { withTransaction, type Tx } from '../../db/database.ts';
import {
  activateUser,
  countUsers,
  insertEnrolmentToken,
  insertFirstAdministrator,
  liveEnrolmentTokenForUpdate,
  setPasswordHash,
  setTotp,
  updateEnrolmentToken,
  userById,
  useUpFirstRunLinks,
  type UserRow,
} from './auth.repository.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { decryptField, encryptField } from '../crypto/field-crypto.ts';
import { relyingParty, requiresPhishingResistant } from './auth.service.ts';
import { hashPassword } from './passwords.ts';
import {
  checkTotp,
  issueRecoveryCodes,
  newTotpSecret,
  passkeyRegistrationOptions,
  registerPasskey,
  sealTotpSecret,
} from './second-factor.ts';
import { hashToken, newToken } from './tokens.ts';

export type EnrolmentPurpose = 'setup' | 'invite' | 'reset_mfa';
export const SETUP_LINK_MINUTES = 30;
export const ENROLMENT_LINK_HOURS = 72;

type Pending = { challenge?: string; totpSecretEnc?: string };

// Each step here opens its own transaction: a one-time link is used without a session (the
// person is not signed in yet), so there is no actor and no request transaction to join.

const tokenInvalid = () =>
  new AppError('not_found', { message: 'The link is not valid or has expired.', messageKey: 'errors.token_invalid' });

/** Creates a one-time link token; only its hash is stored. */
export async function createEnrolmentToken(
  tx: Tx,
  purpose: EnrolmentPurpose | 'first_run',
  userId: string | null,
  validForMs: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + validForMs);
  await insertEnrolmentToken(tx, { tokenHash: hashToken(token), purpose, userId, expiresAt });
  return { token, expiresAt };
}

/** The public link for a token; the token rides in the fragment so it never reaches a server log. */
export function enrolmentUrl(deps: AppDeps, page: 'setup' | 'enrol', token: string): string {
  return new URL(`/${page}#token=${token}`, deps.config.publicUrl).toString();
}

async function findLiveToken(tx: Tx, token: string, purposes: readonly string[]) {
  const row = await liveEnrolmentTokenForUpdate(tx, hashToken(token));
  if (!row || !purposes.includes(row.purpose)) throw tokenInvalid();
  return row;
}

async function findEnrolment(tx: Tx, token: string) {
  const row = await findLiveToken(tx, token, ['setup', 'invite', 'reset_mfa']);
  const user = row.userId ? await userById(tx, row.userId) : undefined;
  if (!user || user.status === 'deactivated') throw tokenInvalid();
  return { row, user, purpose: row.purpose as EnrolmentPurpose, pending: (row.pending ?? {}) as Pending };
}

/** True while no user exists: the product is waiting for its first administrator. */
export async function needsSetup(tx: Tx): Promise<boolean> {
  return (await countUsers(tx)) === 0;
}

/** At a start with no users: a fresh one-time setup link (30 minutes); older ones stop working. */
export async function issueSetupLinkIfNeeded(deps: AppDeps): Promise<string | null> {
  return withTransaction(deps.database.db, {}, async (tx) => {
    if (!(await needsSetup(tx))) return null;
    await useUpFirstRunLinks(tx);
    const { token } = await createEnrolmentToken(tx, 'first_run', null, SETUP_LINK_MINUTES * 60 * 1000);
    return enrolmentUrl(deps, 'setup', token);
  });
}

export type SetupInput = {
  token: string;
  programmeName: string;
  programmeCode: string;
  organisationName: string;
  organisationKind: CreateOrganisationBody['kind'];
  username: string;
  displayName: string;
};

/** First run: the first programme, organisation and administrator, then straight into enrolment. */
export async function completeSetup(deps: AppDeps, input: SetupInput): Promise<{ enrolmentToken: string }> {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const row = await findLiveToken(tx, input.token, ['first_run']);
    if (!(await needsSetup(tx))) throw tokenInvalid();
    const { userId, programmeId } = await insertFirstAdministrator(tx, {
      organisation: { name: input.organisationName, kind: input.organisationKind },
      programme: { name: input.programmeName, code: input.programmeCode },
      user: { username: input.username, displayName: input.displayName },
      role: ADMINISTRATION_ROLE,
    });
    await updateEnrolmentToken(tx, row.id, { usedAt: new Date() });
    const { token } = await createEnrolmentToken(tx, 'setup', userId, SETUP_LINK_MINUTES * 60 * 1000);
    await appendAudit(tx, deps.keys, {
      actorUserId: null,
      programmeId,
      action: 'setup:first_administrator',
      recordType: 'user',
      recordId: userId,
    });
    return { enrolmentToken: token };
  });
}

/** What the enrolment page shows about its link. */
export async function inspectEnrolment(deps: AppDeps, token: string) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const { user, purpose } = await findEnrolment(tx, token);
    return {
      username: user.username,
      displayName: user.displayName,
      purpose,
      passwordRequired: purpose !== 'reset_mfa',
      totpAllowed: !(await requiresPhishingResistant(tx, user.id)),
    };
  });
}

/** Sets the password of an enrolling user, after the password policy. */
export async function setEnrolmentPassword(deps: AppDeps, token: string, password: string): Promise<void> {
  const check = checkPassword(password);
  if (!check.ok) {
    const message = {
      too_short: 'The password must be at least 12 characters long.',
      too_long: 'The password is too long.',
      common: 'This password is too common. Choose another.',
    }[check.reason];
    throw new AppError('validation', {
      message,
      messageKey: `errors.password_${check.reason}`,
      fieldErrors: { password: [`errors.password_${check.reason}`] },
    });
  }
  const hash = await hashPassword(password);
  await withTransaction(deps.database.db, {}, async (tx) => {
    const { user, purpose } = await findEnrolment(tx, token);
    if (purpose === 'reset_mfa') throw new AppError('bad_request');
    await setPasswordHash(tx, user.id, hash);
  });
}

async function finishEnrolment(
  tx: Tx,
  keys: AppDeps['keys'],
  row: { id: string },
  user: UserRow,
  method: string,
): Promise<string[]> {
  if (!user.passwordHash) {
    throw new AppError('validation', { message: 'Choose a password first.', messageKey: 'errors.password_too_short' });
  }
  await activateUser(tx, user.id);
  await updateEnrolmentToken(tx, row.id, { usedAt: new Date(), pending: null });
  const codes = await issueRecoveryCodes(tx, user.id);
  await appendAudit(tx, keys, {
    actorUserId: user.id,
    programmeId: null,
    action: 'user:enrolled',
    recordType: 'user',
    recordId: user.id,
    details: { method },
  });
  return codes;
}

/** WebAuthn registration options for the enrolling user. */
export async function enrolmentPasskeyOptions(deps: AppDeps, token: string) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const { row, user, pending } = await findEnrolment(tx, token);
    const options = await passkeyRegistrationOptions(tx, relyingParty(deps), user);
    await updateEnrolmentToken(tx, row.id, { pending: { ...pending, challenge: options.challenge } });
    return options;
  });
}

/** Verifies the new passkey, activates the user and returns recovery codes (shown once). */
export async function enrolmentPasskeyVerify(deps: AppDeps, token: string, response: RegistrationResponseJSON) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const { row, user, pending } = await findEnrolment(tx, token);
    const ok =
      pending.challenge !== undefined &&
      (await registerPasskey(tx, relyingParty(deps), user.id, pending.challenge, response));
    if (!ok)
      throw new AppError('bad_request', {
        message: 'The passkey could not be registered.',
        messageKey: 'errors.passkey_failed',
      });
    return { recoveryCodes: await finishEnrolment(tx, deps.keys, row, user, 'passkey') };
  });
}

const pendingTotpBinding = (tokenId: string) => ({ table: 'enrolment_tokens', column: 'pending', rowId: tokenId });

/** A TOTP secret awaiting confirmation, unless the programme demands passkeys. */
export async function enrolmentTotpStart(deps: AppDeps, token: string) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const { row, user, pending } = await findEnrolment(tx, token);
    if (await requiresPhishingResistant(tx, user.id)) {
      throw new AppError('forbidden', {
        message: 'This programme requires a passkey.',
        messageKey: 'errors.totp_not_allowed',
      });
    }
    const { secret, otpauthUri } = newTotpSecret(user.username);
    const sealed = encryptField(deps.keys.master, secret, pendingTotpBinding(row.id)).toString('base64');
    await updateEnrolmentToken(tx, row.id, { pending: { ...pending, totpSecretEnc: sealed } });
    return { secret, otpauthUri };
  });
}

/** Confirms the TOTP app with one code, activates the user and returns recovery codes. */
export async function enrolmentTotpVerify(deps: AppDeps, token: string, code: string) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const { row, user, pending } = await findEnrolment(tx, token);
    if (!pending.totpSecretEnc) throw new AppError('bad_request');
    const secret = decryptField(
      deps.keys.master,
      Buffer.from(pending.totpSecretEnc, 'base64'),
      pendingTotpBinding(row.id),
    );
    const step = await checkTotp(secret, code);
    if (step === null)
      throw new AppError('validation', {
        message: 'The code was not accepted.',
        messageKey: 'errors.invalid_code',
        fieldErrors: { code: ['errors.invalid_code'] },
      });
    await setTotp(tx, user.id, {
      totpSecretEnc: sealTotpSecret(deps.keys.master, user.id, secret),
      totpLastStep: step,
    });
    return { recoveryCodes: await finishEnrolment(tx, deps.keys, row, user, 'totp') };
  });
}

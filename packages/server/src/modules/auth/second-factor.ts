import { randomBytes } from 'node:crypto';
import { RECOVERY_CODE_ALPHABET } from '@utvag/domain';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Tx } from '../../db/database.ts';
import {
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  hasTotpSecret,
  insertPasskey,
  passkeyOf,
  passkeysOf,
  replaceRecoveryCodes,
  setPasskeyCounter,
  setTotp,
  totpStateForUpdate,
} from './auth.repository.ts';
import { decryptField, encryptField } from '../crypto/field-crypto.ts';
import { hashToken } from './tokens.ts';

/** Where WebAuthn ceremonies are bound: the public origin and its host name. */
export type RelyingParty = { name: string; id: string; origin: string };

// ---- TOTP ------------------------------------------------------------------------------------

const totpBinding = (userId: string) => ({ table: 'users', column: 'totp_secret_enc', rowId: userId });

/** A new TOTP secret and the otpauth URI an authenticator app scans. */
export function newTotpSecret(username: string): { secret: string; otpauthUri: string } {
  const secret = generateSecret();
  return { secret, otpauthUri: generateURI({ issuer: 'Utväg', label: username, secret }) };
}

/** Checks a code against a secret; returns the matched time step, or null. ±1 step of clock drift. */
export async function checkTotp(secret: string, code: string): Promise<number | null> {
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30 }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** SECURITY: the TOTP secret is kept encrypted under the master key, bound to its user. */
export function sealTotpSecret(master: Buffer, userId: string, secret: string): Buffer {
  return encryptField(master, secret, totpBinding(userId));
}

/**
 * Verifies a sign-in code for a user and records its time step, so the same code can never be
 * used twice (replay within its 30-second window).
 */
export async function verifyUserTotp(tx: Tx, master: Buffer, userId: string, code: string): Promise<boolean> {
  const user = await totpStateForUpdate(tx, userId);
  if (!user?.enc) return false;
  const step = await checkTotp(decryptField(master, user.enc, totpBinding(userId)), code);
  if (step === null || (user.lastStep !== null && step <= user.lastStep)) return false;
  await setTotp(tx, userId, { totpLastStep: step });
  return true;
}

// ---- Recovery codes --------------------------------------------------------------------------

const RECOVERY_CODE_COUNT = 10;

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/** `XXXXX-XXXXX` from an alphabet without look-alike characters (50 bits). */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = Array.from(bytes, (b) => RECOVERY_CODE_ALPHABET[b % RECOVERY_CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces a user's recovery codes with ten new ones; returns them once, in clear. */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(
    tx,
    userId,
    codes.map((code) => hashToken(normaliseRecoveryCode(code))),
  );
  return codes;
}

/** Consumes one recovery code; returns how many remain, or null if the code is not valid. */
export async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<number | null> {
  if (!(await consumeRecoveryCode(tx, userId, hashToken(normaliseRecoveryCode(code))))) return null;
  return countUnusedRecoveryCodes(tx, userId);
}

// ---- Passkeys (WebAuthn) ---------------------------------------------------------------------

/** Registration options for a new passkey; user verification is required. */
export async function passkeyRegistrationOptions(
  tx: Tx,
  rp: RelyingParty,
  user: { id: string; username: string; displayName: string },
) {
  const existing = await passkeysOf(tx, user.id);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
}

/** Verifies a registration and stores the credential; false when it does not verify. */
export async function registerPasskey(
  tx: Tx,
  rp: RelyingParty,
  userId: string,
  expectedChallenge: string,
  response: RegistrationResponseJSON,
): Promise<boolean> {
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!result?.verified) return false;
  const { credential } = result.registrationInfo;
  await insertPasskey(tx, {
    id: credential.id,
    userId,
    publicKey: Buffer.from(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? null,
  });
  return true;
}

/** Authentication options listing the user's passkeys. */
export async function passkeyAuthenticationOptions(tx: Tx, rp: RelyingParty, userId: string) {
  const creds = await passkeysOf(tx, userId);
  return generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    allowCredentials: creds.map((c) => ({ id: c.id, transports: (c.transports ?? undefined) as never })),
  });
}

/** Verifies a passkey assertion for this user and advances its signature counter. */
export async function verifyPasskey(
  tx: Tx,
  rp: RelyingParty,
  userId: string,
  expectedChallenge: string,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const cred = await passkeyOf(tx, userId, response.id);
  if (!cred) return false;
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
    credential: {
      id: cred.id,
      publicKey: new Uint8Array(cred.publicKey),
      counter: cred.counter,
      transports: cred.transports ?? undefined,
    },
  }).catch(() => null);
  if (!result?.verified) return false;
  await setPasskeyCounter(tx, cred.id, result.authenticationInfo.newCounter);
  return true;
}

/** Which second factors a user has set up. */
export async function secondFactorsOf(tx: Tx, userId: string): Promise<('passkey' | 'totp')[]> {
  const hasTotp = await hasTotpSecret(tx, userId);
  const creds = await passkeysOf(tx, userId);
  const factors: ('passkey' | 'totp')[] = [];
  if (creds.length > 0) factors.push('passkey');
  if (hasTotp) factors.push('totp');
  return factors;
}

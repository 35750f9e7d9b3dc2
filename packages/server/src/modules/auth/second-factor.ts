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
import { and, eq, isNull } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Tx } from '../../db/database.ts';
import { recoveryCodes, users, webauthnCredentials } from '../../db/schema.ts';
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
  const [user] = await tx
    .select({ enc: users.totpSecretEnc, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user?.enc) return false;
  const step = await checkTotp(decryptField(master, user.enc, totpBinding(userId)), code);
  if (step === null || (user.lastStep !== null && step <= user.lastStep)) return false;
  await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, userId));
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
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(normaliseRecoveryCode(code)) })));
  return codes;
}

/** Consumes one recovery code; returns how many remain, or null if the code is not valid. */
export async function useRecoveryCode(tx: Tx, userId: string, code: string): Promise<number | null> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normaliseRecoveryCode(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  if (used.length === 0) return null;
  const left = await tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return left.length;
}

// ---- Passkeys (WebAuthn) ---------------------------------------------------------------------

/** Registration options for a new passkey; user verification is required. */
export async function passkeyRegistrationOptions(
  tx: Tx,
  rp: RelyingParty,
  user: { id: string; username: string; displayName: string },
) {
  const existing = await tx
    .select({ id: webauthnCredentials.id })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, user.id));
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
  await tx.insert(webauthnCredentials).values({
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
  const creds = await tx
    .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
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
  const [cred] = await tx
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.id, response.id), eq(webauthnCredentials.userId, userId)));
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
  await tx
    .update(webauthnCredentials)
    .set({ counter: result.authenticationInfo.newCounter })
    .where(eq(webauthnCredentials.id, cred.id));
  return true;
}

/** Which second factors a user has set up. */
export async function secondFactorsOf(tx: Tx, userId: string): Promise<('passkey' | 'totp')[]> {
  const [user] = await tx.select({ enc: users.totpSecretEnc }).from(users).where(eq(users.id, userId));
  const creds = await tx
    .select({ id: webauthnCredentials.id })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  const factors: ('passkey' | 'totp')[] = [];
  if (creds.length > 0) factors.push('passkey');
  if (user?.enc) factors.push('totp');
  return factors;
}

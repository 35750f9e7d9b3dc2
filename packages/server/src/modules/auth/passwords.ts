import { hash, verify } from '@node-rs/argon2';
import { normalisePassword } from '@utvag/domain';

// @node-rs/argon2's Algorithm is an ambient const enum; 2 is Argon2id.
const ARGON2ID = 2;

/** argon2id with OWASP's minimum parameters or stronger (19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password), ARGON2_OPTIONS);
}

// A real hash of a random string: verifying against it costs what a real verification costs.
let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. SECURITY: with no stored hash (unknown user, no password yet) it still
 * spends a full verification, so timing does not tell an unknown user from a wrong password.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  const target = storedHash ?? (await dummyHash);
  const ok = await verify(target, normalisePassword(password)).catch(() => false);
  return storedHash !== null && ok;
}

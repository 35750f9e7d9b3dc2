import { z } from 'zod';

/**
 * A username as typed at sign-in: trimmed and lower-cased. Its format is not enforced here so
 * that sign-in does not reveal which usernames could exist; the length bound limits abuse.
 */
export const loginUsername = z.string().trim().toLowerCase().min(1).max(64);

/**
 * A password as typed at sign-in. Only bounded (1024 UTF-16 units covers 256 code points of any
 * kind): the policy applies when a password is set, not when it is used.
 */
export const loginPassword = z.string().min(1).max(1024);

/** Body of the password step of sign-in. */
export const loginBody = z.object({ username: loginUsername, password: loginPassword });
/** Body of the password step of sign-in. */
export type LoginBody = z.infer<typeof loginBody>;

/** A six-digit TOTP code; spaces a user may type between groups are removed. */
export const totpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/));

/** Body of the TOTP step of sign-in. */
export const totpBody = z.object({ code: totpCode });
/** Body of the TOTP step of sign-in. */
export type TotpBody = z.infer<typeof totpBody>;

/**
 * A recovery code: ten characters from A–Z and 2–9 (no 0/1/O/I to avoid misreading), shown as
 * `XXXXX-XXXXX`. Accepted in any case, with or without the hyphen or spaces; normalised to ten
 * upper-case characters without a hyphen.
 */
export const recoveryCode = z
  .string()
  .transform((s) => s.replace(/[\s-]+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{10}$/));

/** The alphabet recovery codes are drawn from. */
export const RECOVERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Body of the recovery-code step of sign-in. */
export const recoveryBody = z.object({ code: recoveryCode });
/** Body of the recovery-code step of sign-in. */
export type RecoveryBody = z.infer<typeof recoveryBody>;

import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Minimum password length, in Unicode code points. */
export const PASSWORD_MIN_LENGTH = 12;
/** Maximum password length, in Unicode code points (bounds the hashing cost). */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password was refused. */
export type PasswordRejection = 'too_short' | 'too_long' | 'common';

/** The outcome of checking a new password against the policy. */
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordRejection };

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.normalize('NFC').toLowerCase()));

/**
 * The form of a password to check and to hash: Unicode NFC, so that "ö" typed as one code point
 * or as "o" + combining diaeresis is the same password on every keyboard.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/**
 * Checks a new password: 12 to 256 code points and not a common password (compared
 * case-insensitively). No composition rules, following NIST SP 800-63B.
 */
export function checkPassword(password: string): PasswordCheck {
  const normalised = normalisePassword(password);
  // Count code points, not UTF-16 units, so an emoji or 'ö' counts as one character.
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  if (COMMON_SET.has(normalised.toLowerCase())) return { ok: false, reason: 'common' };
  return { ok: true };
}

import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.ts';

describe('checkPassword', () => {
  it('refuses 11 characters and accepts 12 that are not common', () => {
    expect(checkPassword('tåg-i-skogen'.slice(0, 11))).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('tåg-i-skogen')).toEqual({ ok: true });
    expect(PASSWORD_MIN_LENGTH).toBe(12);
  });

  it('counts code points, not UTF-16 units', () => {
    // Each emoji is two UTF-16 units: 6 emoji are 12 units but only 6 characters.
    expect(checkPassword('🐺🦊🐻🐼🐨🐯')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkPassword('🐺🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔')).toEqual({ ok: true });
  });

  it('counts a decomposed "ö" as one character', () => {
    const decomposed = 'o\u0308'.repeat(11) + 'x';
    expect(checkPassword(decomposed)).toEqual({ ok: true });
  });

  it('refuses more than 256 characters and accepts exactly 256', () => {
    expect(PASSWORD_MAX_LENGTH).toBe(256);
    expect(checkPassword('ab'.repeat(128))).toEqual({ ok: true });
    expect(checkPassword('ab'.repeat(128) + 'c')).toEqual({ ok: false, reason: 'too_long' });
  });

  it.each(['password1234', 'qwertyuiop123', '123456789012', 'sommar2024!!', 'lösenord1234', 'iloveyou1234'])(
    'refuses the common password %j',
    (password) => {
      expect(checkPassword(password)).toEqual({ ok: false, reason: 'common' });
    },
  );

  it('compares common passwords case-insensitively', () => {
    expect(checkPassword('PassWord1234')).toEqual({ ok: false, reason: 'common' });
    expect(checkPassword('LÖSENORD1234')).toEqual({ ok: false, reason: 'common' });
  });

  it('matches a decomposed "ö" against the list', () => {
    expect(checkPassword('lo\u0308senord1234')).toEqual({ ok: false, reason: 'common' });
  });

  it('has no composition rules: a long lower-case passphrase is fine', () => {
    expect(checkPassword('korrekt häst batteri häftklammer')).toEqual({ ok: true });
  });
});

describe('COMMON_PASSWORDS', () => {
  it('holds at least 500 distinct lower-case entries', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(500);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });

  it('holds many of the length that the policy would otherwise accept', () => {
    expect(COMMON_PASSWORDS.filter((p) => [...p].length >= 12).length).toBeGreaterThanOrEqual(200);
  });
});

import { describe, expect, it } from 'vitest';
import en from './en.json';
import sv from './sv.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const svKeys = flatten(sv as Tree);
const enKeys = flatten(en as Tree);

describe('translations', () => {
  it('has exactly the same keys in Swedish and English', () => {
    expect([...svKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('has no empty values in either language', () => {
    const empty = [...svKeys, ...enKeys].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('translates every error the server can name', () => {
    const serverKeys = [
      'bad_request',
      'validation',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'locked',
      'rate_limited',
      'internal',
      'unavailable',
      'invalid_credentials',
      'account_locked',
      'invalid_code',
      'token_invalid',
      'password_too_short',
      'password_too_long',
      'password_common',
      'csrf',
      'session_expired',
      'passkey_failed',
      'totp_not_allowed',
    ].map((code) => `errors.${code}`);
    for (const key of serverKeys) {
      expect(svKeys.has(key), key).toBe(true);
      expect(enKeys.has(key), key).toBe(true);
    }
  });
});

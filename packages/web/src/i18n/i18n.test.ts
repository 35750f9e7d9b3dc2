import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGE_KEYS } from '../lib/domain.ts';
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
    // The keys come from the domain's closed lists, so a new error code or reason without texts fails here.
    for (const key of ERROR_MESSAGE_KEYS) {
      expect(svKeys.has(key), key).toBe(true);
      expect(enKeys.has(key), key).toBe(true);
    }
  });
});

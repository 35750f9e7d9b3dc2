import { describe, expect, it } from 'vitest';
import {
  apiDate,
  apiDateOrDateTime,
  apiDateTime,
  idSchema,
  int4,
  isStorableText,
  optionalText,
  requiredText,
  versionNumber,
} from './edge.schemas.ts';

describe('the edge text rule', () => {
  it.each([
    ['a NUL', 'Stock\u0000holm'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a surrogate pair the wrong way round', '\uDC00\uD800'],
  ])('refuses %s', (_, value) => {
    expect(isStorableText(value)).toBe(false);
    const result = requiredText(200).safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('unsafe_text');
    expect(optionalText(200).safeParse(value).success).toBe(false);
  });

  it('keeps Swedish letters, emoji (paired surrogates) and newlines', () => {
    expect(requiredText(200).parse(' Åsa Öberg 👩‍👧\nrad två ')).toBe('Åsa Öberg 👩‍👧\nrad två');
  });
});

describe('the API dates', () => {
  it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '9999-12-31T23:59:00Z'])(
    'refuses the timestamp %s as out of range',
    (value) => {
      const result = apiDateTime.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('date_out_of_range');
    },
  );

  it.each(['0000-01-01', '1899-12-31', '2201-01-01', '9999-12-31'])('refuses the date %s', (value) => {
    expect(apiDate.safeParse(value).success).toBe(false);
    expect(apiDateOrDateTime.safeParse(value).success).toBe(false);
  });

  it('accepts the ends of the range', () => {
    expect(apiDate.parse('1900-01-01')).toBe('1900-01-01');
    expect(apiDateTime.parse('2200-12-31T23:59:59+01:00')).toBe('2200-12-31T23:59:59+01:00');
  });
});

describe('ids and integers', () => {
  it('lower-cases a UUID so it is one id however it is written', () => {
    expect(idSchema.parse('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  });

  it('bounds integers to a PostgreSQL integer column', () => {
    expect(versionNumber.safeParse(2_147_483_647).success).toBe(true);
    expect(versionNumber.safeParse(2_147_483_648).success).toBe(false);
    expect(versionNumber.safeParse(0).success).toBe(false);
    expect(int4().safeParse(-1).success).toBe(false);
    expect(int4().safeParse(1e300).success).toBe(false);
  });
});

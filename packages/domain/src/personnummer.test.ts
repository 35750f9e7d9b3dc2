import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPersonnummer, luhnCheckDigit, parsePersonnummer } from './personnummer.ts';

const now = new Date(2025, 5, 15); // 15 June 2025, local time
const parse = (input: string) => parsePersonnummer(input, { now });

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid 12-digit number for a date, serial and coordination flag. */
function build(year: number, month: number, day: number, serial: number, coordination: boolean): string {
  const yymmdd = pad(year % 100, 2) + pad(month, 2) + pad(day + (coordination ? 60 : 0), 2);
  const nnn = pad(serial, 3);
  return pad(year, 4) + yymmdd.slice(2) + nnn + String(luhnCheckDigit(yymmdd + nnn));
}

const validNumber = fc
  .record({
    date: fc.date({ min: new Date(1901, 0, 1), max: new Date(2025, 5, 15), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
  })
  .map(({ date, serial, coordination }) => ({
    normalised: build(date.getFullYear(), date.getMonth() + 1, date.getDate(), serial, coordination),
    date,
  }));

describe('parsePersonnummer', () => {
  it.each([
    ['811228-9874', '198112289874'],
    ['8112289874', '198112289874'],
    ['19811228-9874', '198112289874'],
    ['198112289874', '198112289874'],
    ['  811228-9874 ', '198112289874'],
    ['121212+1212', '191212121212'],
    ['121212-1212', '201212121212'],
  ])('accepts %j as %s', (input, normalised) => {
    const result = parse(input);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ normalised }) });
  });

  it('accepts a samordningsnummer and reports its real birth date', () => {
    expect(parse('701063-2391')).toEqual({
      ok: true,
      value: { normalised: '197010632391', birthDate: '1970-10-03', isCoordinationNumber: true },
    });
  });

  it('puts a 10-digit number born later this year in the previous century', () => {
    // 2025-12-01 has not happened yet on 15 June 2025, so '251201' means 1925.
    const number = build(1925, 12, 1, 123, false).slice(2);
    expect(parse(number)).toEqual({ ok: true, value: expect.objectContaining({ birthDate: '1925-12-01' }) });
  });

  it.each([
    ['', 'format'],
    ['abc', 'format'],
    ['81122898741', 'format'],
    ['811228 9874', 'format'],
    ['19811228+9874', 'format'],
    ['811228--9874', 'format'],
    ['8'.repeat(100), 'format'],
    ['811328-9874', 'date'],
    ['811200-9874', 'date'],
    ['19000229-0000', 'date'],
    ['811292-9874', 'date'],
    ['811228-9875', 'checksum'],
  ] as const)('rejects %j (%s)', (input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });

  it('accepts 29 February in a leap year and rejects it otherwise', () => {
    expect(parse(build(2000, 2, 29, 1, false)).ok).toBe(true);
    const notLeap = `19010229${'0012'}`;
    expect(parse(notLeap)).toEqual({ ok: false, reason: 'date' });
  });

  it('rejects a birth date in the future', () => {
    expect(parse(build(2025, 6, 16, 1, false))).toEqual({ ok: false, reason: 'date' });
    expect(parse(build(2025, 6, 15, 1, false)).ok).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const result = parse(input);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('round-trips every valid number, with and without a hyphen', () => {
    fc.assert(
      fc.property(validNumber, ({ normalised }) => {
        expect(parse(normalised)).toMatchObject({ ok: true, value: { normalised } });
        expect(parse(formatPersonnummer(normalised))).toMatchObject({ ok: true, value: { normalised } });
      }),
    );
  });

  it('round-trips the 10-digit form, choosing "-" or "+" by age', () => {
    fc.assert(
      fc.property(validNumber, ({ normalised, date }) => {
        const hundredthBirthday = new Date(date.getFullYear() + 100, date.getMonth(), date.getDate());
        const separator = hundredthBirthday <= now ? '+' : '-';
        const ten = `${normalised.slice(2, 8)}${separator}${normalised.slice(8)}`;
        expect(parse(ten)).toMatchObject({ ok: true, value: { normalised } });
      }),
    );
  });

  it('rejects any number with one of its ten significant digits changed', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        ({ normalised }, index, delta) => {
          const digit = (Number(normalised[index]) + delta) % 10;
          const changed = normalised.slice(0, index) + String(digit) + normalised.slice(index + 1);
          expect(parse(changed).ok).toBe(false);
        },
      ),
    );
  });
});

describe('luhnCheckDigit', () => {
  it('computes the check digit of known numbers', () => {
    expect(luhnCheckDigit('811228987')).toBe(4);
    expect(luhnCheckDigit('121212121')).toBe(2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCaseCode, parseCaseCode } from './case-code.ts';
import { AppError } from './errors.ts';

describe('formatCaseCode', () => {
  it.each([
    ['STHLM', 2026, 7, 'STHLM-2026-0007'],
    ['LKPG', 2025, 1, 'LKPG-2025-0001'],
    ['GBG', 2026, 9999, 'GBG-2026-9999'],
    ['GBG', 2026, 10000, 'GBG-2026-10000'],
    ['AB', 2031, 123456, 'AB-2031-123456'],
  ])('formats %s, %i, %i as %s', (code, year, sequence, expected) => {
    expect(formatCaseCode(code, year, sequence)).toBe(expected);
  });

  it.each([
    ['sthlm', 2026, 1],
    ['STHLM1', 2026, 1],
    ['S', 2026, 1],
    ['STHLMXX', 2026, 1],
    ['STHLM', 1999, 1],
    ['STHLM', 10000, 1],
    ['STHLM', 2026.5, 1],
    ['STHLM', 2026, 0],
    ['STHLM', 2026, -3],
    ['STHLM', 2026, 1.5],
    ['STHLM', 2026, Number.NaN],
  ])('refuses the impossible parts %j, %j, %j', (code, year, sequence) => {
    expect(() => formatCaseCode(code, year, sequence)).toThrow(AppError);
  });

  it('takes no input that could describe the person: only programme, year and a counter', () => {
    // The signature is the guarantee; this pins it so that adding a parameter is a conscious act.
    expect(formatCaseCode.length).toBe(3);
  });
});

describe('parseCaseCode', () => {
  it('parses a code as typed, in any letter case and with spaces around it', () => {
    expect(parseCaseCode(' sthlm-2026-0007 ')).toEqual({
      ok: true,
      value: { programmeCode: 'STHLM', year: 2026, sequence: 7 },
    });
  });

  it.each([
    '',
    'STHLM-2026-7',
    'STHLM-2026-007',
    'STHLM-26-0007',
    'STHLM-2026-00007',
    'STHLM-2026-0000',
    'STHLM 2026 0007',
    'STHLM-1999-0001',
    'S-2026-0001',
    'STHLM-2026-0007-1',
    'ÅÄÖ-2026-0001',
    '19811228-9874',
    'X'.repeat(100),
  ])('refuses %j', (input) => {
    expect(parseCaseCode(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('gives back exactly the parts that were formatted', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{2,6}$/),
        fc.integer({ min: 2000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (programmeCode, year, sequence) => {
          const code = formatCaseCode(programmeCode, year, sequence);
          expect(parseCaseCode(code)).toEqual({ ok: true, value: { programmeCode, year, sequence } });
          expect(parseCaseCode(code.toLowerCase())).toEqual({ ok: true, value: { programmeCode, year, sequence } });
        },
      ),
    );
  });

  it('sorts codes of one programme and year by sequence up to 9999', () => {
    const codes = [12, 3, 9999, 450].map((n) => formatCaseCode('STHLM', 2026, n));
    expect([...codes].sort()).toEqual(['STHLM-2026-0003', 'STHLM-2026-0012', 'STHLM-2026-0450', 'STHLM-2026-9999']);
  });
});

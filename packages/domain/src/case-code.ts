import { AppError } from './errors.ts';

/** The parts of a case code such as `STHLM-2026-0007`. */
export type CaseCodeParts = { programmeCode: string; year: number; sequence: number };

/** The outcome of parsing a case code; parsing never throws. */
export type CaseCodeResult = { ok: true; value: CaseCodeParts } | { ok: false; reason: 'format' };

// Programme codes follow `createProgrammeBody`: 2–6 capital letters.
const PROGRAMME_CODE = /^[A-Z]{2,6}$/;
// At least four digits; longer only once the sequence outgrows them (no leading zero then).
const CASE_CODE = /^([A-Z]{2,6})-(\d{4})-(\d{4}|[1-9]\d{4,14})$/;
/** The first year a case code can carry. */
export const CASE_CODE_MIN_YEAR = 2000;
const MIN_YEAR = CASE_CODE_MIN_YEAR;
const MAX_YEAR = 9999;
const SEQUENCE_WIDTH = 4;

function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function isValidSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence >= 1;
}

/**
 * Formats a case code: programme prefix, year, and the programme's running number for that year,
 * zero-padded to four digits and growing beyond them (`STHLM-2026-0007`, `STHLM-2026-12345`).
 * SECURITY: a case code is pseudonymous. It is built only from the programme, the year the case
 * was opened and a counter; never from anything about the person (name, personnummer, birth
 * date, initials), so a code on a calendar file or a printout identifies no one.
 */
export function formatCaseCode(programmeCode: string, year: number, sequence: number): string {
  if (!PROGRAMME_CODE.test(programmeCode) || !isValidYear(year) || !isValidSequence(sequence)) {
    // A programming error (the values come from the database), not user input.
    throw new AppError('internal', { cause: new RangeError('invalid case code parts') });
  }
  return `${programmeCode}-${year}-${String(sequence).padStart(SEQUENCE_WIDTH, '0')}`;
}

/** Parses a case code as typed (any letter case, surrounding spaces); the result formats back to the canonical code. */
export function parseCaseCode(input: string): CaseCodeResult {
  if (typeof input !== 'string' || input.length > 40) return { ok: false, reason: 'format' };
  const match = CASE_CODE.exec(input.trim().toUpperCase());
  if (match === null) return { ok: false, reason: 'format' };
  const [, programmeCode = '', yearDigits = '', sequenceDigits = ''] = match;
  const year = Number(yearDigits);
  const sequence = Number(sequenceDigits);
  if (!isValidYear(year) || !isValidSequence(sequence)) return { ok: false, reason: 'format' };
  return { ok: true, value: { programmeCode, year, sequence } };
}

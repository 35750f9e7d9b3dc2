/** Why a personnummer was rejected. */
export type PersonnummerError = 'format' | 'date' | 'checksum';

/** A valid personnummer or samordningsnummer. */
export type Personnummer = {
  /** Twelve digits, `YYYYMMDDNNNC`; the only form to store, hash or compare. */
  normalised: string;
  /** The birth date, `YYYY-MM-DD` (for a samordningsnummer, the day with 60 taken off). */
  birthDate: string;
  /** True for a samordningsnummer (day of month + 60). */
  isCoordinationNumber: boolean;
};

/** The outcome of parsing user input; parsing never throws. */
export type PersonnummerResult = { ok: true; value: Personnummer } | { ok: false; reason: PersonnummerError };

/** Options for `parsePersonnummer`. */
export type ParsePersonnummerOptions = {
  /** "Today", used to pick the century of a 10-digit number and to reject future dates. */
  now?: Date;
};

// 12 digits: YYYYMMDD[-]NNNC. 10 digits: YYMMDD[-+]NNNC, '+' meaning 100 years or older.
const TWELVE = /^(\d{8})(-?)(\d{4})$/;
const TEN = /^(\d{6})([-+]?)(\d{4})$/;
const COORDINATION_DAY_OFFSET = 60;
const MAX_INPUT_LENGTH = 20;

/** The Luhn check digit of a string of digits (weights 2,1,2,1,… from the left). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids time-zone shifts.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function todayParts(now: Date): { year: number; monthDay: number } {
  return { year: now.getFullYear(), monthDay: (now.getMonth() + 1) * 100 + now.getDate() };
}

/** Picks the full year for a 10-digit number: the latest year not in the future, minus 100 for '+'. */
function fullYearFor(yy: number, monthDay: number, plus: boolean, now: Date): number {
  const today = todayParts(now);
  let year = today.year - (today.year % 100) + yy;
  if (year > today.year || (year === today.year && monthDay > today.monthDay)) year -= 100;
  if (plus) year -= 100;
  return year;
}

/**
 * Parses a Swedish personnummer or samordningsnummer, with 10 or 12 digits, with or without '-'
 * (or '+' in the 10-digit form). Checks the date, the Luhn digit and that the date is not in the
 * future. Never throws on user input.
 */
export function parsePersonnummer(input: string, options: ParsePersonnummerOptions = {}): PersonnummerResult {
  const now = options.now ?? new Date();
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'format' };
  const trimmed = input.trim();

  let year: number;
  let monthDayDigits: string; // MMDD as written (day may carry +60)
  let serial: string; // NNNC
  const twelve = TWELVE.exec(trimmed);
  const ten = twelve ? null : TEN.exec(trimmed);
  if (twelve) {
    const [, date = '', , rest = ''] = twelve;
    year = Number(date.slice(0, 4));
    monthDayDigits = date.slice(4);
    serial = rest;
  } else if (ten) {
    const [, date = '', separator, rest = ''] = ten;
    monthDayDigits = date.slice(2);
    const writtenDay = Number(monthDayDigits.slice(2));
    const realDay = writtenDay > COORDINATION_DAY_OFFSET ? writtenDay - COORDINATION_DAY_OFFSET : writtenDay;
    const monthDay = Number(monthDayDigits.slice(0, 2)) * 100 + realDay;
    year = fullYearFor(Number(date.slice(0, 2)), monthDay, separator === '+', now);
    serial = rest;
  } else {
    return { ok: false, reason: 'format' };
  }

  const month = Number(monthDayDigits.slice(0, 2));
  const writtenDay = Number(monthDayDigits.slice(2));
  const isCoordinationNumber = writtenDay > COORDINATION_DAY_OFFSET;
  const day = isCoordinationNumber ? writtenDay - COORDINATION_DAY_OFFSET : writtenDay;
  // Years before 1800 are not in use and would confuse Date (which maps 0–99 to 1900–1999).
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'date' };
  }
  const today = todayParts(now);
  if (year > today.year || (year === today.year && month * 100 + day > today.monthDay)) {
    return { ok: false, reason: 'date' };
  }

  const yymmdd = pad(year % 100, 2) + monthDayDigits;
  const checked = yymmdd + serial.slice(0, 3);
  if (luhnCheckDigit(checked) !== Number(serial[3])) return { ok: false, reason: 'checksum' };

  return {
    ok: true,
    value: {
      normalised: pad(year, 4) + monthDayDigits + serial,
      birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
      isCoordinationNumber,
    },
  };
}

/** Formats a normalised 12-digit number for display as `YYYYMMDD-NNNC`. */
export function formatPersonnummer(normalised: string): string {
  return `${normalised.slice(0, 8)}-${normalised.slice(8)}`;
}

import { z } from 'zod';

// The building blocks every request schema is made of: text, dates, ids and integers with the
// limits the database and the domain can hold. Server routes and the web app use these, never
// `z.string()`, `z.iso.datetime()`, `z.uuid()` or `z.number().int()` on their own, so a value
// that PostgreSQL or the case code would refuse is a 422 at the edge instead of a 500 deep inside.
// The server's edge guard (`packages/server/src/http/input-guard.ts`) applies the text rule and a
// nesting bound to every body and query string as well, for fields written before these existed.

/** The validation codes of the edge rules, with their texts. */
export const EDGE_VALIDATION_CODES = ['unsafe_text', 'date_out_of_range', 'too_deep'] as const;
/** One edge validation code. */
export type EdgeValidationCode = (typeof EDGE_VALIDATION_CODES)[number];

/** What each edge code tells a person. None of them repeats the value sent. */
export const EDGE_VALIDATION_MESSAGES: Readonly<Record<EdgeValidationCode, { sv: string; en: string }>> = {
  unsafe_text: {
    sv: 'Texten innehåller tecken som inte kan sparas (nolltecken eller trasiga tecken).',
    en: 'The text contains characters that cannot be stored (null or broken characters).',
  },
  date_out_of_range: {
    sv: 'Datumet ligger utanför det tillåtna intervallet.',
    en: 'The date is outside the allowed range.',
  },
  too_deep: {
    sv: 'Uppgifterna är för djupt nästlade.',
    en: 'The data is nested too deeply.',
  },
};

/** True for one of the edge codes. */
export function isEdgeValidationCode(x: string): x is EdgeValidationCode {
  return (EDGE_VALIDATION_CODES as readonly string[]).includes(x);
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * True when `value` can be stored and shown as written: no NUL (PostgreSQL's text refuses it) and
 * no unpaired UTF-16 surrogate (it would be silently replaced by U+FFFD on the way to UTF-8, so
 * what is stored would differ from what was sent).
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/** Any string that passes the text rule, untrimmed and unbounded in length (bound it yourself). */
export const storableString = () => z.string().refine(isStorableText, { error: 'unsafe_text' });

/** Required free text, trimmed and not empty, at most `max` characters. */
export const requiredText = (max: number) => storableString().trim().min(1).max(max);

/** Optional free text: trimmed, and an empty field counts as not given. */
export const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value === '' ? undefined : value));

// ---------------------------------------------------------------------------------------------
// Dates

/** The earliest year any API date may name: birth dates of living people lie after it. */
export const MIN_API_YEAR = 1900;
/** The latest year any API date may name: far beyond any plan, well inside PostgreSQL and JavaScript. */
export const MAX_API_YEAR = 2200;

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

const inYears = (min: number, max: number) => (iso: string) => {
  const year = yearOf(iso);
  return year >= min && year <= max;
};

/** A timestamp with an offset (`2026-03-10T09:00:00+01:00`) in the years `min`–`max`. */
export const dateTimeBetween = (min: number, max: number) =>
  z.iso.datetime({ offset: true }).refine(inYears(min, max), { error: 'date_out_of_range' });

/** A calendar date (`YYYY-MM-DD`) in the years `min`–`max`. */
export const dateBetween = (min: number, max: number) =>
  z.iso.date().refine(inYears(min, max), { error: 'date_out_of_range' });

/** Every API timestamp: ISO 8601 with an offset, in the years 1900–2200. */
export const apiDateTime = dateTimeBetween(MIN_API_YEAR, MAX_API_YEAR);

/** Every API calendar date: `YYYY-MM-DD`, in the years 1900–2200. */
export const apiDate = dateBetween(MIN_API_YEAR, MAX_API_YEAR);

/** A period bound in a query string: a calendar date or a timestamp, in the years 1900–2200. */
export const apiDateOrDateTime = z.union([apiDate, apiDateTime]);

// ---------------------------------------------------------------------------------------------
// Ids

/**
 * A UUID, normalised to lower case. SECURITY: ids are bound into the additional authenticated
 * data of encrypted fields as text, so `ABC…` and `abc…` must be the same id before any use.
 */
export const idSchema = z.uuid().toLowerCase();

// ---------------------------------------------------------------------------------------------
// Integers

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

/** An integer that fits a PostgreSQL `integer` column, at least `min` (default 0). */
export const int4 = (min = 0) => z.number().int().min(min).max(INT4_MAX);

/** A version number: 1 up to what an `integer` column holds. */
export const versionNumber = int4(1);

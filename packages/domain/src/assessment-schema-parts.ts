import { z } from 'zod';
import { apiDate, apiDateTime, optionalText, requiredText } from './schemas/edge.schemas.ts';
import type { AssessmentValidationCode } from './assessment-validation.ts';
import { localDateOf, PROGRAMME_TIME_ZONE } from './zoned-time.ts';
import { readClock, type Clock } from './clock.ts';

// Building blocks shared by the assessment and protection schemas. Not part of the public API.

/** How far in the future a recorded time may lie, for clocks that are a little apart. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** A timestamp with an offset, e.g. `2026-03-10T09:00:00+01:00`, in the API's year range. */
export const isoDateTime = apiDateTime;

/** A calendar date, `YYYY-MM-DD`, in the API's year range. */
export const isoDate = apiDate;

export { optionalText, requiredText };
export { readClock, type Clock } from './clock.ts';

/** True when the ISO timestamp lies further in the future than the clock tolerance allows. */
export function isInFuture(iso: string, now: Clock): boolean {
  return Date.parse(iso) > readClock(now).getTime() + FUTURE_TOLERANCE_MS;
}

/** The calendar date of `instant` as `YYYY-MM-DD`, in the programme's time zone. */
export function localIsoDate(instant: Date, timeZone: string = PROGRAMME_TIME_ZONE): string {
  const { year, month, day } = localDateOf(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds a custom issue carrying an assessment validation code. */
export function addIssue(ctx: z.RefinementCtx, code: AssessmentValidationCode, path: readonly PropertyKey[]): void {
  ctx.addIssue({ code: 'custom', message: code, path: [...path] });
}

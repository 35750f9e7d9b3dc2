/** A calendar date, as people in a time zone see it. */
export type LocalDate = { year: number; month: number; day: number };

/** The time zone the programmes work in; targets such as "the same day" are counted in it. */
export const PROGRAMME_TIME_ZONE = 'Europe/Stockholm';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = FORMATS.get(timeZone);
  if (format === undefined) {
    // Throws a RangeError for an unknown zone, which is a configuration error worth failing on.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATS.set(timeZone, format);
  }
  return format;
}

function localParts(
  instant: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatFor(timeZone).formatToParts(instant)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  return parts;
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (Stockholm: +1 h in winter, +2 h in summer). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

/** The date `days` calendar days after `date` (negative for before). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The instant at which `date` begins in `timeZone` (local 00:00). Correct across daylight-saving
 * changes: the offset is looked up at the result, not at the input.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  // A second pass settles the case where the offset at the guess differs from the first lookup.
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** The next local midnight after `instant` in `timeZone`: the end of that local day. */
export function endOfLocalDay(instant: Date, timeZone: string): Date {
  return startOfLocalDay(addLocalDays(localDateOf(instant, timeZone), 1), timeZone);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays, endOfLocalDay, localDateOf, PROGRAMME_TIME_ZONE, startOfLocalDay } from './zoned-time.ts';

const TZ = PROGRAMME_TIME_ZONE;
const HOUR = 3_600_000;

/** Local wall-clock time of an instant in Stockholm, written independently with toLocaleString. */
function stockholmWallClock(instant: Date): string {
  return instant.toLocaleString('sv-SE', { timeZone: TZ, hourCycle: 'h23' });
}

describe('localDateOf', () => {
  it('gives the Stockholm date, which differs from the UTC date just after local midnight', () => {
    expect(localDateOf(new Date('2026-06-30T22:30:00Z'), TZ)).toEqual({ year: 2026, month: 7, day: 1 });
    expect(localDateOf(new Date('2026-01-15T22:59:59Z'), TZ)).toEqual({ year: 2026, month: 1, day: 15 });
    expect(localDateOf(new Date('2026-01-15T23:00:00Z'), TZ)).toEqual({ year: 2026, month: 1, day: 16 });
  });

  it('refuses an unknown time zone', () => {
    expect(() => localDateOf(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('addLocalDays', () => {
  it('crosses month and year ends and leap days', () => {
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addLocalDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addLocalDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});

describe('startOfLocalDay and endOfLocalDay', () => {
  it('puts Stockholm midnight at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(startOfLocalDay({ year: 2026, month: 1, day: 16 }, TZ).toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(startOfLocalDay({ year: 2026, month: 7, day: 2 }, TZ).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });

  it('makes the spring-forward day 23 hours long and the fall-back day 25', () => {
    const length = (date: { year: number; month: number; day: number }) =>
      (startOfLocalDay(addLocalDays(date, 1), TZ).getTime() - startOfLocalDay(date, TZ).getTime()) / HOUR;
    expect(length({ year: 2026, month: 3, day: 29 })).toBe(23);
    expect(length({ year: 2026, month: 10, day: 25 })).toBe(25);
    expect(length({ year: 2026, month: 6, day: 1 })).toBe(24);
  });

  it('ends a day begun before the spring change at the next local midnight, in summer time', () => {
    expect(endOfLocalDay(new Date('2026-03-29T00:30:00Z'), TZ).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('ends a day begun in summer time on the fall-back day at the next local midnight, in winter time', () => {
    expect(endOfLocalDay(new Date('2026-10-24T22:30:00Z'), TZ).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('always brackets an instant between local midnights of its own day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const start = startOfLocalDay(localDateOf(instant, TZ), TZ);
          const end = endOfLocalDay(instant, TZ);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(end.getTime()).toBeGreaterThan(instant.getTime());
          expect([23, 24, 25]).toContain((end.getTime() - start.getTime()) / HOUR);
          expect(stockholmWallClock(start)).toMatch(/ 00:00:00$/);
          expect(stockholmWallClock(end)).toMatch(/ 00:00:00$/);
          expect(localDateOf(end, TZ)).toEqual(addLocalDays(localDateOf(instant, TZ), 1));
        },
      ),
    );
  });
});

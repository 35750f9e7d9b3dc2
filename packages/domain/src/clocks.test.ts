import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseClocks, overdueClocks, type CaseClocks, type CaseClocksInput } from './clocks.ts';

const targets = { firstMeetingSameDay: true, assessmentDays: 7 };
const at = (iso: string) => new Date(iso);

function clocksFor(overrides: Partial<CaseClocksInput>): CaseClocks {
  return caseClocks({
    contactAt: at('2026-01-15T10:00:00Z'),
    now: at('2026-01-15T12:00:00Z'),
    targets,
    timeZone: 'Europe/Stockholm',
    ...overrides,
  });
}

describe('the first-meeting clock', () => {
  it('is due before midnight of the contact day in Stockholm', () => {
    // 11:00 local contact → due 00:00 local on the 16th, which is 23:00 UTC on the 15th.
    expect(clocksFor({}).first_meeting).toEqual({
      dueAt: at('2026-01-15T23:00:00Z'),
      doneAt: null,
      status: 'due',
      lateByMinutes: 0,
    });
  });

  it('gives a contact at 23:30 local thirty minutes, not a day', () => {
    const clocks = clocksFor({ contactAt: at('2026-01-15T22:30:00Z'), now: at('2026-01-15T22:45:00Z') });
    expect(clocks.first_meeting.dueAt).toEqual(at('2026-01-15T23:00:00Z'));
    expect(clocks.first_meeting.status).toBe('due');
  });

  it('counts a contact at 00:30 local in summer to the local day, not the UTC day', () => {
    const clocks = clocksFor({ contactAt: at('2026-06-30T22:30:00Z'), now: at('2026-06-30T23:00:00Z') });
    expect(clocks.first_meeting.dueAt).toEqual(at('2026-07-01T22:00:00Z'));
  });

  it('is due at local midnight across the spring change to summer time (a 23-hour day)', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00. A contact at 00:30 local (23:30 UTC the day before).
    const clocks = clocksFor({ contactAt: at('2026-03-28T23:30:00Z'), now: at('2026-03-29T10:00:00Z') });
    expect(clocks.first_meeting.dueAt).toEqual(at('2026-03-29T22:00:00Z'));
  });

  it('is due at local midnight across the autumn change to winter time (a 25-hour day)', () => {
    // 25 October 2026: clocks go from 03:00 back to 02:00. A contact at 23:30 local, winter time.
    const clocks = clocksFor({ contactAt: at('2026-10-25T22:30:00Z'), now: at('2026-10-25T22:40:00Z') });
    expect(clocks.first_meeting.dueAt).toEqual(at('2026-10-25T23:00:00Z'));
  });

  it('is late after local midnight, by the minute', () => {
    expect(clocksFor({ now: at('2026-01-16T01:30:00Z') }).first_meeting).toMatchObject({
      status: 'late',
      lateByMinutes: 150,
    });
  });

  it('counts even a few seconds past the target as a minute late', () => {
    expect(clocksFor({ now: at('2026-01-15T23:00:05Z') }).first_meeting).toMatchObject({
      status: 'late',
      lateByMinutes: 1,
    });
    expect(clocksFor({ now: at('2026-01-15T23:00:00Z') }).first_meeting).toMatchObject({
      status: 'due',
      lateByMinutes: 0,
    });
  });

  it('is on time when the meeting held started before midnight, however late it was recorded', () => {
    const clocks = clocksFor({
      firstMeetingAt: at('2026-01-15T19:00:00Z'),
      firstMeetingHeldAt: at('2026-01-16T08:00:00Z'),
      now: at('2026-01-16T09:00:00Z'),
    });
    expect(clocks.first_meeting).toEqual({
      dueAt: at('2026-01-15T23:00:00Z'),
      doneAt: at('2026-01-15T19:00:00Z'),
      status: 'on_time',
      lateByMinutes: 0,
    });
  });

  it('keeps running while a meeting is only booked', () => {
    const clocks = clocksFor({ firstMeetingAt: at('2026-01-15T19:00:00Z'), now: at('2026-01-15T20:00:00Z') });
    expect(clocks.first_meeting).toMatchObject({ status: 'due', doneAt: null });
  });

  it('records a meeting held the next day as met late, and how late', () => {
    const clocks = clocksFor({
      firstMeetingAt: at('2026-01-16T09:00:00Z'),
      firstMeetingHeldAt: at('2026-01-16T10:00:00Z'),
      now: at('2026-01-20T10:00:00Z'),
    });
    expect(clocks.first_meeting).toMatchObject({ status: 'met_late', lateByMinutes: 600 });
  });

  it('uses the time it was recorded held when no meeting start is known', () => {
    const clocks = clocksFor({ firstMeetingHeldAt: at('2026-01-15T15:00:00Z') });
    expect(clocks.first_meeting).toMatchObject({ status: 'on_time', doneAt: at('2026-01-15T15:00:00Z') });
  });

  it('allows until the end of the next day when the programme has no same-day target', () => {
    const clocks = clocksFor({ targets: { firstMeetingSameDay: false, assessmentDays: 7 } });
    expect(clocks.first_meeting.dueAt).toEqual(at('2026-01-16T23:00:00Z'));
  });
});

describe('the assessment clock', () => {
  it('has not started before the first meeting is held', () => {
    expect(clocksFor({ now: at('2026-02-15T12:00:00Z') }).assessment).toEqual({
      dueAt: null,
      doneAt: null,
      status: 'not_started',
      lateByMinutes: 0,
    });
  });

  it('has not started while the meeting is only booked', () => {
    expect(clocksFor({ firstMeetingAt: at('2026-01-15T19:00:00Z') }).assessment.status).toBe('not_started');
  });

  it('is due at the end of the seventh local day after the meeting', () => {
    const clocks = clocksFor({
      firstMeetingAt: at('2026-01-15T19:00:00Z'),
      firstMeetingHeldAt: at('2026-01-15T20:00:00Z'),
      now: at('2026-01-20T12:00:00Z'),
    });
    // Meeting on 15 January (local) → due at 00:00 local on 23 January.
    expect(clocks.assessment).toEqual({
      dueAt: at('2026-01-22T23:00:00Z'),
      doneAt: null,
      status: 'due',
      lateByMinutes: 0,
    });
  });

  it('is due at local midnight when the seven days cross the change to summer time', () => {
    const clocks = clocksFor({
      contactAt: at('2026-03-25T08:00:00Z'),
      firstMeetingAt: at('2026-03-25T13:00:00Z'),
      firstMeetingHeldAt: at('2026-03-25T14:00:00Z'),
      now: at('2026-03-26T12:00:00Z'),
    });
    // Meeting 25 March (winter) → due 00:00 local on 2 April (summer), 22:00 UTC on 1 April.
    expect(clocks.assessment.dueAt).toEqual(at('2026-04-01T22:00:00Z'));
  });

  it('is late, met late or on time by when the assessment was done', () => {
    const meeting = { firstMeetingAt: at('2026-01-15T19:00:00Z'), firstMeetingHeldAt: at('2026-01-15T20:00:00Z') };
    expect(clocksFor({ ...meeting, now: at('2026-01-23T00:00:00Z') }).assessment).toMatchObject({
      status: 'late',
      lateByMinutes: 60,
    });
    expect(
      clocksFor({ ...meeting, assessmentDoneAt: at('2026-01-22T12:00:00Z'), now: at('2026-02-01T00:00:00Z') })
        .assessment,
    ).toMatchObject({ status: 'on_time', lateByMinutes: 0 });
    expect(
      clocksFor({ ...meeting, assessmentDoneAt: at('2026-01-24T23:00:00Z'), now: at('2026-02-01T00:00:00Z') })
        .assessment,
    ).toMatchObject({ status: 'met_late', lateByMinutes: 2 * 24 * 60 });
  });

  it("follows the programme's number of days", () => {
    const clocks = clocksFor({
      firstMeetingHeldAt: at('2026-01-15T20:00:00Z'),
      targets: { firstMeetingSameDay: true, assessmentDays: 14 },
    });
    expect(clocks.assessment.dueAt).toEqual(at('2026-01-29T23:00:00Z'));
  });
});

describe('clock properties', () => {
  const instant = fc.date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2028-01-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('never gives a due first meeting later than 25 hours after the contact, nor earlier than the contact', () => {
    fc.assert(
      fc.property(instant, (contactAt) => {
        const { dueAt } = caseClocks({
          contactAt,
          now: contactAt,
          targets,
          timeZone: 'Europe/Stockholm',
        }).first_meeting;
        const hours = (dueAt!.getTime() - contactAt.getTime()) / 3_600_000;
        expect(hours).toBeGreaterThan(0);
        expect(hours).toBeLessThanOrEqual(25);
      }),
    );
  });

  it('is late exactly when now is past the target and nothing is done', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 * 24 * 10 }), (contactAt, minutesLater) => {
        const now = new Date(contactAt.getTime() + minutesLater * 60_000);
        const clock = caseClocks({ contactAt, now, targets, timeZone: 'Europe/Stockholm' }).first_meeting;
        expect(clock.status === 'late').toBe(now.getTime() > clock.dueAt!.getTime());
        expect(clock.lateByMinutes > 0).toBe(clock.status === 'late');
      }),
    );
  });
});

describe('overdueClocks', () => {
  const late = (minutes: number) => ({
    dueAt: at('2026-01-15T23:00:00Z'),
    doneAt: null,
    status: 'late' as const,
    lateByMinutes: minutes,
  });
  const fine = { dueAt: at('2026-01-15T23:00:00Z'), doneAt: null, status: 'due' as const, lateByMinutes: 0 };
  const metLate = {
    dueAt: at('2026-01-15T23:00:00Z'),
    doneAt: at('2026-01-16T10:00:00Z'),
    status: 'met_late' as const,
    lateByMinutes: 660,
  };
  const notStarted = { dueAt: null, doneAt: null, status: 'not_started' as const, lateByMinutes: 0 };

  it('lists running clocks past their target, most late first', () => {
    const result = overdueClocks([
      { caseId: 'case-a', clocks: { first_meeting: late(30), assessment: notStarted } },
      { caseId: 'case-b', clocks: { first_meeting: metLate, assessment: late(3000) } },
      { caseId: 'case-c', clocks: { first_meeting: fine, assessment: notStarted } },
      { caseId: 'case-d', clocks: { first_meeting: late(600), assessment: notStarted } },
    ]);
    expect(result.map((r) => `${r.caseId} ${r.clock} ${r.lateByMinutes}`)).toEqual([
      'case-b assessment 3000',
      'case-d first_meeting 600',
      'case-a first_meeting 30',
    ]);
  });

  it('orders equally late clocks by case id, so the list does not jump about', () => {
    const result = overdueClocks([
      { caseId: 'case-z', clocks: { first_meeting: late(10), assessment: notStarted } },
      { caseId: 'case-a', clocks: { first_meeting: late(10), assessment: notStarted } },
    ]);
    expect(result.map((r) => r.caseId)).toEqual(['case-a', 'case-z']);
  });

  it('is empty when nothing is late', () => {
    expect(overdueClocks([{ caseId: 'x', clocks: { first_meeting: fine, assessment: notStarted } }])).toEqual([]);
    expect(overdueClocks([])).toEqual([]);
  });
});

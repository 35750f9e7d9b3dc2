import { caseClocks, type CaseClock, type CaseClocks, type ClockTargets } from '@utvag/domain';

/** A programme's clock targets and the time zone its days are counted in. */
export type ClockSettings = ClockTargets & { timeZone: string };

/**
 * The start of the first meeting the clocks count from: the earliest HELD first meeting, or,
 * while none is held, the earliest booked one. A no-show that was never cancelled must not make
 * a later, held meeting count from the no-show's time.
 */
export function firstMeetingStart(meetings: readonly { status: string; startsAt: Date }[]): Date | null {
  const byStart = [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const held = byStart.find((m) => m.status === 'held');
  const booked = byStart.find((m) => m.status === 'booked');
  return (held ?? booked)?.startsAt ?? null;
}

/** Both clocks of one case from its row, its first meetings and the programme's settings. */
export function clocksOfCase(
  row: { contactAt: Date; firstMeetingHeldAt: Date | null; assessmentDoneAt: Date | null },
  firstMeetings: readonly { status: string; startsAt: Date }[],
  settings: ClockSettings,
  now: Date,
): CaseClocks {
  return caseClocks({
    contactAt: row.contactAt,
    firstMeetingAt: firstMeetingStart(firstMeetings),
    firstMeetingHeldAt: row.firstMeetingHeldAt,
    assessmentDoneAt: row.assessmentDoneAt,
    now,
    targets: { firstMeetingSameDay: settings.firstMeetingSameDay, assessmentDays: settings.assessmentDays },
    timeZone: settings.timeZone,
  });
}

const presentClock = (c: CaseClock) => ({
  dueAt: c.dueAt?.toISOString() ?? null,
  doneAt: c.doneAt?.toISOString() ?? null,
  status: c.status,
  lateByMinutes: c.lateByMinutes,
});

/** Clocks as the API sends them (ISO strings). */
export function presentClocks(clocks: CaseClocks) {
  return { first_meeting: presentClock(clocks.first_meeting), assessment: presentClock(clocks.assessment) };
}

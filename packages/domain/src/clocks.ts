import { addLocalDays, localDateOf, startOfLocalDay } from './zoned-time.ts';

/** The clocks every case runs. */
export const CASE_CLOCKS = ['first_meeting', 'assessment'] as const;
/** A clock every case runs. */
export type CaseClockKind = (typeof CASE_CLOCKS)[number];

/**
 * Where a clock stands.
 * - `not_started`: nothing to time yet (the assessment clock before the first meeting is held).
 * - `due`: running, target not yet passed.
 * - `late`: running, target passed: listed at the top of the coordinator's screen.
 * - `on_time` / `met_late`: done, before or after the target.
 */
export type ClockStatus = 'not_started' | 'due' | 'late' | 'on_time' | 'met_late';

/** One clock of one case. */
export type CaseClock = { dueAt: Date | null; doneAt: Date | null; status: ClockStatus; lateByMinutes: number };

/** Both clocks of one case. */
export type CaseClocks = Readonly<Record<CaseClockKind, CaseClock>>;

/** A programme's targets (programme settings). */
export type ClockTargets = {
  /** First meeting before midnight of the contact day; when false, before midnight of the day after. */
  firstMeetingSameDay: boolean;
  /** Assessment done by the end of this many days after the first meeting's day. */
  assessmentDays: number;
};

/** What the clocks of a case are computed from. */
export type CaseClocksInput = {
  /** When the programme was first contacted (the call that was taken further). */
  contactAt: Date;
  /** The start of the booked or held first meeting. */
  firstMeetingAt?: Date | null;
  /** When the first meeting was recorded as held; until then the first-meeting clock runs. */
  firstMeetingHeldAt?: Date | null;
  assessmentDoneAt?: Date | null;
  now: Date;
  targets: ClockTargets;
  /** Normally `'Europe/Stockholm'`; "the same day" is the day as the people working it see it. */
  timeZone: string;
};

const MINUTE_MS = 60_000;

function minutesLate(at: Date, dueAt: Date): number {
  // Any lateness at all shows as at least one minute.
  return Math.max(0, Math.ceil((at.getTime() - dueAt.getTime()) / MINUTE_MS));
}

function clock(dueAt: Date | null, doneAt: Date | null, now: Date): CaseClock {
  if (dueAt === null) return { dueAt, doneAt, status: doneAt === null ? 'not_started' : 'on_time', lateByMinutes: 0 };
  if (doneAt !== null) {
    const late = minutesLate(doneAt, dueAt);
    return { dueAt, doneAt, status: late > 0 ? 'met_late' : 'on_time', lateByMinutes: late };
  }
  const late = minutesLate(now, dueAt);
  return { dueAt, doneAt, status: late > 0 ? 'late' : 'due', lateByMinutes: late };
}

/**
 * The two clocks of a case: contact → first meeting (due before local midnight of the contact
 * day) and first meeting → assessment done (due at the end of the local day `assessmentDays`
 * after the meeting). Days are calendar days in `timeZone`, so daylight-saving changes neither
 * shorten nor lengthen a target.
 */
export function caseClocks(input: CaseClocksInput): CaseClocks {
  const { contactAt, now, targets, timeZone } = input;
  const contactDate = localDateOf(contactAt, timeZone);
  const firstMeetingDue = startOfLocalDay(addLocalDays(contactDate, targets.firstMeetingSameDay ? 1 : 2), timeZone);
  const held = input.firstMeetingHeldAt ?? null;
  // The meeting counts from when it started; being recorded later does not make it late.
  const meetingDoneAt = held === null ? null : (input.firstMeetingAt ?? held);

  const assessmentDue =
    meetingDoneAt === null
      ? null
      : startOfLocalDay(addLocalDays(localDateOf(meetingDoneAt, timeZone), targets.assessmentDays + 1), timeZone);

  return {
    first_meeting: clock(firstMeetingDue, meetingDoneAt, now),
    assessment: clock(assessmentDue, input.assessmentDoneAt ?? null, now),
  };
}

/** One clock that is past its target and still running. */
export type OverdueClock = { caseId: string; clock: CaseClockKind; dueAt: Date; lateByMinutes: number };

/** The clocks past their target and still running, most late first (then by case id, for a stable list). */
export function overdueClocks(cases: readonly { caseId: string; clocks: CaseClocks }[]): OverdueClock[] {
  const overdue: OverdueClock[] = [];
  for (const { caseId, clocks } of cases) {
    for (const kind of CASE_CLOCKS) {
      const { status, dueAt, lateByMinutes } = clocks[kind];
      if (status === 'late' && dueAt !== null) overdue.push({ caseId, clock: kind, dueAt, lateByMinutes });
    }
  }
  return overdue.sort(
    (a, b) =>
      b.lateByMinutes - a.lateByMinutes ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) ||
      CASE_CLOCKS.indexOf(a.clock) - CASE_CLOCKS.indexOf(b.clock),
  );
}

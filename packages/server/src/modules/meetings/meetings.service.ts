import {
  AppError,
  endOfLocalDay,
  proposeSlots,
  type AnyAction,
  type AuditAction,
  type StaffAvailability,
  type TimeWindow,
  leadsCases,
} from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { requireCase, requireProgrammeParts } from '../cases/case-access.ts';
import { clockSettings } from '../cases/cases.service.ts';
import { markFirstMeetingHeld } from '../cases/cases.port.ts';
import {
  activeMeetingPlaces,
  dutyShiftsBetween,
  dutyStaff,
  staffAvailabilityBetween,
} from '../scheduling/scheduling.port.ts';
import { presentPlace } from '../scheduling/scheduling.service.ts';
import { calendarFileOf } from './meeting-calendar.ts';
import {
  addToTeam,
  findMeeting,
  hasClash,
  insertMeeting,
  lockBookings,
  markCancelled,
  markHeld,
  occupyingMeetingsBetween,
} from './meetings.repository.ts';

/** The kinds of meeting that can be booked; more come with later issues. */
import type { MeetingKind } from '@utvag/domain';

/** How many proposals the booking screen shows. */
const PROPOSAL_LIMIT = 5;
/**
 * How far in the past a booking may start: a walk-in's meeting is booked to start "now", and the
 * seconds between opening the form and sending it must not make that a meeting in the past.
 */
const PAST_GRACE_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

/**
 * The case, when the actor may book for it (`case:book_meeting`: booking and the places, then
 * the case). SECURITY: the refusal for lacking the booking rights comes before the case is looked
 * at, so it says nothing about whether the case exists.
 */
async function requireBookableCase(ctx: ServiceContext, caseId: string, logAs: AuditAction) {
  return requireCase(ctx, caseId, 'case:book_meeting', { logAs });
}

/**
 * A meeting of the acting programme whose case the actor may read and book for (and perform
 * `also` on); 404 otherwise. SECURITY: a meeting of a case the actor is not on is as unknown as one
 * that does not exist; every refusal names the meeting.
 */
async function requireMeeting(ctx: ServiceContext, meetingId: string, logAs: AuditAction, also: AnyAction[] = []) {
  const record = { recordType: 'meeting', recordId: meetingId };
  const actions: AnyAction[] = ['case:book_meeting', ...also];
  requireProgrammeParts(ctx, actions, { logAs, record });
  const meeting = await findMeeting(ctx.tx, ctx.actor.programmeId, meetingId);
  if (!meeting) throw refusal(ctx, 'not_found', { action: logAs, ...record });
  return { meeting, ...(await requireCase(ctx, meeting.caseId, actions, { logAs, record })) };
}

/** Groups windows by user. */
function windowsByUser(rows: readonly { userId: string; startsAt: Date; endsAt: Date }[]): Map<string, TimeWindow[]> {
  const map = new Map<string, TimeWindow[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), { start: r.startsAt, end: r.endsAt }]);
  return map;
}

/**
 * The earliest free slots today for a first meeting: coordinators on duty now first. A staff
 * member's time is their availability today; someone on duty now who entered no availability is
 * available for their duty shift.
 */
export async function proposeMeetingSlots(
  ctx: ServiceContext,
  caseId: string,
  durationMinutes: number,
  now = new Date(),
) {
  await requireBookableCase(ctx, caseId, 'meeting:book');
  const programmeId = ctx.actor.programmeId;
  const { timeZone } = await clockSettings(ctx);
  const endOfDay = endOfLocalDay(now, timeZone);

  const staff = await dutyStaff(ctx);
  const staffIds = new Set(staff.map((s) => s.userId));
  const availability = windowsByUser(await staffAvailabilityBetween(ctx, now, endOfDay));
  const shiftsToday = await dutyShiftsBetween(ctx, now, endOfDay);
  const onDutyNow = shiftsToday.filter((s) => s.startsAt <= now && now < s.endsAt && staffIds.has(s.userId));
  const shiftWindows = windowsByUser(shiftsToday);
  for (const { userId } of onDutyNow) {
    if (!availability.has(userId)) availability.set(userId, shiftWindows.get(userId) ?? []);
  }
  const coordinatorIds = new Set(staff.filter((s) => leadsCases(s.roles)).map((s) => s.userId));
  const preferUserIds = [...new Set(onDutyNow.filter((s) => coordinatorIds.has(s.userId)).map((s) => s.userId))];

  const places = (await activeMeetingPlaces(ctx))
    .map((row) => presentPlace(ctx, row))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id));
  const busy = (await occupyingMeetingsBetween(ctx.tx, programmeId, now, endOfDay)).map((m) => ({
    userId: m.staffUserId,
    placeId: m.placeId,
    start: m.startsAt,
    end: m.endsAt,
  }));
  const staffAvailability: StaffAvailability[] = staff
    .filter((s) => availability.has(s.userId))
    .map((s) => ({ userId: s.userId, windows: availability.get(s.userId)! }));

  const slots = proposeSlots({
    now,
    durationMinutes,
    staff: staffAvailability,
    places: places.map((p) => ({ id: p.id })),
    busy,
    preferUserIds,
    endOfDay,
    limit: PROPOSAL_LIMIT,
  });
  const names = new Map(staff.map((s) => [s.userId, s.displayName]));
  const placeNames = new Map(places.map((p) => [p.id, p.name]));
  return slots.map((slot) => ({
    startsAt: slot.start.toISOString(),
    endsAt: slot.end.toISOString(),
    staff: { userId: slot.userId, displayName: names.get(slot.userId)! },
    place: { id: slot.placeId, name: placeNames.get(slot.placeId)! },
  }));
}

export type BookMeetingInput = {
  startsAt: Date;
  durationMinutes: number;
  staffUserId: string;
  placeId: string;
  kind: MeetingKind;
};

/**
 * Books a meeting for a case and puts the booked staff member on the case team. Refuses a start
 * in the past, someone who is not hotline or coordinator staff, an unknown or inactive place and
 * a slot the staff member or the place already has taken. All in the caller's transaction.
 */
export async function bookMeeting(ctx: ServiceContext, caseId: string, input: BookMeetingInput, now = new Date()) {
  await requireBookableCase(ctx, caseId, 'meeting:book');
  const programmeId = ctx.actor.programmeId;
  const startsAt = input.startsAt;
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * MINUTE_MS);
  if (startsAt.getTime() < now.getTime() - PAST_GRACE_MS) {
    throw new AppError('validation', {
      message: 'The meeting cannot start in the past.',
      messageKey: 'errors.meeting_in_past',
      fieldErrors: { startsAt: ['errors.meeting_in_past'] },
    });
  }
  const member = (await dutyStaff(ctx)).find((s) => s.userId === input.staffUserId);
  if (!member) {
    throw new AppError('validation', {
      message: 'That person is not hotline or coordinator staff in this programme.',
      messageKey: 'errors.not_staff',
      fieldErrors: { staffUserId: ['errors.not_staff'] },
    });
  }
  const placeRow = (await activeMeetingPlaces(ctx)).find((p) => p.id === input.placeId);
  if (!placeRow) {
    throw new AppError('validation', {
      message: 'There is no such meeting place in use.',
      messageKey: 'errors.unknown_place',
      fieldErrors: { placeId: ['errors.unknown_place'] },
    });
  }
  await lockBookings(ctx.tx, programmeId);
  if (
    await hasClash(ctx.tx, programmeId, {
      staffUserId: member.userId,
      placeId: placeRow.id,
      from: startsAt,
      to: endsAt,
    })
  ) {
    throw new AppError('conflict', {
      message: 'That time is already taken for this person or place.',
      messageKey: 'errors.slot_taken',
    });
  }
  const meetingId = await insertMeeting(ctx.tx, {
    programmeId,
    caseId,
    kind: input.kind,
    startsAt,
    endsAt,
    placeId: placeRow.id,
    staffUserId: member.userId,
    bookedBy: ctx.actor.userId,
  });
  // SECURITY: who meets the person must be able to open the case; joining the team is an access grant and is logged.
  if (await addToTeam(ctx.tx, programmeId, caseId, member.userId)) {
    await ctx.audit({
      action: 'case:team_add',
      recordType: 'case',
      recordId: caseId,
      details: { userId: member.userId, reason: 'meeting:book' },
    });
  }
  await ctx.audit({
    action: 'meeting:book',
    recordType: 'meeting',
    recordId: meetingId,
    details: { caseId, kind: input.kind },
  });
  return {
    id: meetingId,
    kind: input.kind,
    status: 'booked',
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    staff: { userId: member.userId, displayName: member.displayName },
    place: { id: placeRow.id, name: presentPlace(ctx, placeRow).name },
  };
}

/** The meeting as a calendar file carrying the case code and the times, nothing else. */
export async function exportMeetingCalendar(ctx: ServiceContext, meetingId: string) {
  const { meeting, row } = await requireMeeting(ctx, meetingId, 'meeting:export');
  if (meeting.status === 'cancelled') throw new AppError('not_found');
  await ctx.audit({
    action: 'meeting:export',
    recordType: 'meeting',
    recordId: meeting.id,
    details: { caseId: row.id },
  });
  return calendarFileOf({
    id: meeting.id,
    kind: meeting.kind,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    caseCode: row.code,
  });
}

/**
 * Records that a meeting was held; a held first meeting stops the case's first-meeting clock.
 * A meeting cannot have been held before its booked start. Recording it twice changes nothing.
 */
export async function recordMeetingHeld(ctx: ServiceContext, meetingId: string, now = new Date()) {
  const { meeting } = await requireMeeting(ctx, meetingId, 'meeting:held', ['case:update']);
  if (meeting.status === 'held')
    return { id: meeting.id, status: meeting.status, heldAt: meeting.heldAt!.toISOString() };
  if (meeting.status !== 'booked') {
    throw new AppError('conflict', { message: 'This meeting was cancelled.', messageKey: 'errors.meeting_cancelled' });
  }
  if (meeting.startsAt.getTime() > now.getTime()) {
    throw new AppError('validation', {
      message: 'A meeting cannot be recorded as held before it has started.',
      messageKey: 'errors.meeting_not_started',
    });
  }
  const held = await markHeld(ctx.tx, meeting.id, now);
  if (!held) throw new AppError('conflict');
  if (held.kind === 'first_meeting') await markFirstMeetingHeld(ctx, held.caseId, now);
  await ctx.audit({
    action: 'meeting:held',
    recordType: 'meeting',
    recordId: meeting.id,
    details: { caseId: held.caseId },
  });
  return { id: held.id, status: held.status, heldAt: now.toISOString() };
}

/** Cancels a booked meeting (a no-show, a new time): its staff member and place are free again. */
export async function cancelMeeting(ctx: ServiceContext, meetingId: string) {
  const { meeting } = await requireMeeting(ctx, meetingId, 'meeting:cancel', ['case:update']);
  if (meeting.status !== 'booked') {
    throw new AppError('conflict', {
      message: 'Only a booked meeting can be cancelled.',
      messageKey: 'errors.meeting_not_booked',
    });
  }
  const cancelled = await markCancelled(ctx.tx, meeting.id);
  if (!cancelled) throw new AppError('conflict');
  await ctx.audit({
    action: 'meeting:cancel',
    recordType: 'meeting',
    recordId: meeting.id,
    details: { caseId: meeting.caseId },
  });
  return { id: meeting.id, status: 'cancelled' };
}

import { and, asc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseTeamMembers, meetings, programmes } from '../../db/schema.ts';

/** Statuses that hold a staff member's and a place's time: a held meeting may still be running. */
const OCCUPYING = ['booked', 'held'];

/** The clock targets and time zone of a programme. */
export async function programmeSettings(tx: Tx, programmeId: string) {
  const [row] = await tx
    .select({
      firstMeetingSameDay: programmes.firstMeetingSameDay,
      assessmentDays: programmes.assessmentDays,
      timeZone: programmes.timeZone,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row ?? null;
}

/** A meeting scoped to the acting programme. */
export async function findMeeting(tx: Tx, programmeId: string, meetingId: string) {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.programmeId, programmeId)));
  return row ?? null;
}

/** Meetings of the programme that occupy time overlapping [from, to). */
export async function occupyingMeetingsBetween(tx: Tx, programmeId: string, from: Date, to: Date) {
  return tx
    .select({
      staffUserId: meetings.staffUserId,
      placeId: meetings.placeId,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.programmeId, programmeId),
        inArray(meetings.status, OCCUPYING),
        lt(meetings.startsAt, to),
        gt(meetings.endsAt, from),
      ),
    );
}

/** Whether the staff member or the place already has a meeting overlapping [from, to). */
export async function hasClash(
  tx: Tx,
  programmeId: string,
  input: { staffUserId: string; placeId: string; from: Date; to: Date },
): Promise<boolean> {
  const rows = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.programmeId, programmeId),
        inArray(meetings.status, OCCUPYING),
        or(eq(meetings.staffUserId, input.staffUserId), eq(meetings.placeId, input.placeId)),
        lt(meetings.startsAt, input.to),
        gt(meetings.endsAt, input.from),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Serialises bookings within a programme until the transaction ends, so two bookings cannot both
 * see a slot as free and both take it (there is no exclusion constraint on the table).
 */
export async function lockBookings(tx: Tx, programmeId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`utvag:meetings:${programmeId}`}, 0))`);
}

export async function insertMeeting(
  tx: Tx,
  values: {
    programmeId: string;
    caseId: string;
    kind: string;
    startsAt: Date;
    endsAt: Date;
    placeId: string;
    staffUserId: string;
    bookedBy: string;
  },
): Promise<string> {
  const [row] = await tx.insert(meetings).values(values).returning({ id: meetings.id });
  return row!.id;
}

/** Adds a user to a case team; true when they were not on it before. */
export async function addToTeam(tx: Tx, programmeId: string, caseId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .insert(caseTeamMembers)
    .values({ caseId, programmeId, userId })
    .onConflictDoNothing()
    .returning({ userId: caseTeamMembers.userId });
  return rows.length > 0;
}

/** Marks a booked meeting held; null when it was no longer booked (someone else got there first). */
export async function markHeld(tx: Tx, meetingId: string, at: Date) {
  const [row] = await tx
    .update(meetings)
    .set({ status: 'held', heldAt: at })
    .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'booked')))
    .returning();
  return row ?? null;
}

/** Cancels a booked meeting; null when it was no longer booked. */
export async function markCancelled(tx: Tx, meetingId: string) {
  const [row] = await tx
    .update(meetings)
    .set({ status: 'cancelled' })
    .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'booked')))
    .returning();
  return row ?? null;
}

/** First-meeting starts of these cases (not cancelled), for the clocks of many cases at once. */
export async function firstMeetingsOfCases(tx: Tx, programmeId: string, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .select({ caseId: meetings.caseId, status: meetings.status, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.programmeId, programmeId),
        inArray(meetings.caseId, caseIds),
        eq(meetings.kind, 'first_meeting'),
        ne(meetings.status, 'cancelled'),
      ),
    )
    .orderBy(asc(meetings.startsAt));
}

import { DUTY_ROLES } from '@utvag/domain';
import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { dutyShifts, meetingPlaces, meetings, memberships, staffAvailability, users } from '../../db/schema.ts';

/** Shifts overlapping [from, to) in the programme, with the staff member's display name. */
export async function shiftsBetween(tx: Tx, programmeId: string, from: Date, to: Date) {
  return tx
    .select({
      id: dutyShifts.id,
      userId: dutyShifts.userId,
      displayName: users.displayName,
      startsAt: dutyShifts.startsAt,
      endsAt: dutyShifts.endsAt,
    })
    .from(dutyShifts)
    .innerJoin(users, eq(users.id, dutyShifts.userId))
    .where(and(eq(dutyShifts.programmeId, programmeId), lt(dutyShifts.startsAt, to), gt(dutyShifts.endsAt, from)))
    .orderBy(asc(dutyShifts.startsAt));
}

/** Availability windows overlapping [from, to). */
export async function availabilityBetween(tx: Tx, programmeId: string, from: Date, to: Date) {
  return tx
    .select({
      id: staffAvailability.id,
      userId: staffAvailability.userId,
      displayName: users.displayName,
      startsAt: staffAvailability.startsAt,
      endsAt: staffAvailability.endsAt,
    })
    .from(staffAvailability)
    .innerJoin(users, eq(users.id, staffAvailability.userId))
    .where(
      and(
        eq(staffAvailability.programmeId, programmeId),
        lt(staffAvailability.startsAt, to),
        gt(staffAvailability.endsAt, from),
      ),
    )
    .orderBy(asc(staffAvailability.startsAt));
}

/** Booked meetings overlapping [from, to). */
export async function meetingsBetween(tx: Tx, programmeId: string, from: Date, to: Date) {
  return tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.programmeId, programmeId),
        eq(meetings.status, 'booked'),
        lt(meetings.startsAt, to),
        gt(meetings.endsAt, from),
      ),
    );
}

export async function activePlaces(tx: Tx, programmeId: string) {
  return tx
    .select()
    .from(meetingPlaces)
    .where(and(eq(meetingPlaces.programmeId, programmeId), eq(meetingPlaces.active, true)));
}

/** The roles each of these users holds in the programme. */
export async function rolesOf(tx: Tx, programmeId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.userId, userIds)));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
  return map;
}

/** Members of the programme who work calls: coordinators and hotline officers. */
export async function staffOf(tx: Tx, programmeId: string) {
  const rows = await tx
    .select({ userId: users.id, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.programmeId, programmeId),
        inArray(memberships.role, [...DUTY_ROLES]),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(asc(users.displayName));
  const byUser = new Map<string, { userId: string; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? { userId: r.userId, displayName: r.displayName, roles: [] };
    entry.roles.push(r.role);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()];
}

// ---- Writes -----------------------------------------------------------------------------------

export async function insertShift(tx: Tx, values: typeof dutyShifts.$inferInsert): Promise<string> {
  const [row] = await tx.insert(dutyShifts).values(values).returning({ id: dutyShifts.id });
  return row!.id;
}

/** Deletes the programme's shift; false when there was none. */
export async function deleteShift(tx: Tx, programmeId: string, id: string): Promise<boolean> {
  const removed = await tx
    .delete(dutyShifts)
    .where(and(eq(dutyShifts.id, id), eq(dutyShifts.programmeId, programmeId)))
    .returning({ id: dutyShifts.id });
  return removed.length > 0;
}

export async function insertPlace(tx: Tx, values: typeof meetingPlaces.$inferInsert): Promise<void> {
  await tx.insert(meetingPlaces).values(values);
}

/** Marks the programme's place inactive; false when there was none. */
export async function deactivatePlaceRow(tx: Tx, programmeId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(meetingPlaces)
    .set({ active: false })
    .where(and(eq(meetingPlaces.id, id), eq(meetingPlaces.programmeId, programmeId)))
    .returning({ id: meetingPlaces.id });
  return rows.length > 0;
}

export async function insertAvailability(tx: Tx, values: typeof staffAvailability.$inferInsert): Promise<string> {
  const [row] = await tx.insert(staffAvailability).values(values).returning({ id: staffAvailability.id });
  return row!.id;
}

export async function findAvailability(tx: Tx, programmeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(staffAvailability)
    .where(and(eq(staffAvailability.id, id), eq(staffAvailability.programmeId, programmeId)));
  return row;
}

export async function deleteAvailability(tx: Tx, id: string): Promise<void> {
  await tx.delete(staffAvailability).where(eq(staffAvailability.id, id));
}

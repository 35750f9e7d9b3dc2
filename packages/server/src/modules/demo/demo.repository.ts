import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import {
  dutyShifts,
  meetingPlaces,
  memberships,
  organisations,
  programmes,
  staffAvailability,
  users,
} from '../../db/schema.ts';

// The demo seed's statements (an empty database filled with invented data, run as the operator).

/** How many users the database holds: the seed runs only on an empty one. */
export async function userCount(tx: Tx): Promise<number> {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return existing?.n ?? 0;
}

export async function insertProgramme(tx: Tx, values: typeof programmes.$inferInsert) {
  const [programme] = await tx.insert(programmes).values(values).returning();
  return programme;
}

export async function insertOrganisations(tx: Tx, values: (typeof organisations.$inferInsert)[]) {
  return tx.insert(organisations).values(values).returning();
}

export async function insertUser(tx: Tx, values: typeof users.$inferInsert) {
  const [user] = await tx.insert(users).values(values).returning({ id: users.id });
  return user;
}

export async function setUserTotpSecret(tx: Tx, userId: string, totpSecretEnc: Buffer): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecretEnc })
    .where(sql`${users.id} = ${userId}`);
}

export async function setUserEmail(tx: Tx, userId: string, email: string): Promise<void> {
  await tx
    .update(users)
    .set({ email })
    .where(sql`${users.id} = ${userId}`);
}

export async function insertMembership(tx: Tx, values: typeof memberships.$inferInsert): Promise<void> {
  await tx.insert(memberships).values(values);
}

/** Sets the transaction's programme (row-level security) for what follows. */
export async function actInProgramme(tx: Tx, programmeId: string): Promise<void> {
  await tx.execute(sql`select set_config('utvag.programme_id', ${programmeId}, true)`);
}

export async function insertMeetingPlace(tx: Tx, values: typeof meetingPlaces.$inferInsert): Promise<void> {
  await tx.insert(meetingPlaces).values(values);
}

/** The demo programme (code DEMO), or undefined when there is none. */
export async function demoProgramme(tx: Tx) {
  const [programme] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, 'DEMO'));
  return programme;
}

/** The programme's members in one of `roles`, one row per membership. */
export async function membersInRoles(tx: Tx, programmeId: string, roles: readonly string[]) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.role, [...roles])));
}

/** A shift of the user that has begun at `now` and lasts past `until`, if any. */
export async function coveringShift(tx: Tx, userId: string, now: Date, until: Date) {
  const [covering] = await tx
    .select({ id: dutyShifts.id })
    .from(dutyShifts)
    .where(and(eq(dutyShifts.userId, userId), lte(dutyShifts.startsAt, now), gt(dutyShifts.endsAt, until)));
  return covering;
}

/** Puts the user on duty and available for the window. */
export async function insertShiftAndAvailability(
  tx: Tx,
  window: { programmeId: string; userId: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  await tx.insert(dutyShifts).values(window);
  await tx.insert(staffAvailability).values(window);
}

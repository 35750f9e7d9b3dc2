import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { memberships, organisations, programmes, sessions, users } from '../../db/schema.ts';

/** The user with their organisation, or undefined. */
export async function userWithOrganisation(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return row;
}

/** One row per role the user holds, with its programme, by programme code. */
export async function membershipsWithProgrammes(tx: Tx, userId: string) {
  return tx
    .select({ id: programmes.id, code: programmes.code, name: programmes.name, role: memberships.role })
    .from(memberships)
    .innerJoin(programmes, eq(programmes.id, memberships.programmeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(programmes.code));
}

export async function isMemberOf(tx: Tx, userId: string, programmeId: string): Promise<boolean> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.programmeId, programmeId)))
    .limit(1);
  return member !== undefined;
}

export async function setSessionProgramme(tx: Tx, sessionId: string, programmeId: string): Promise<void> {
  await tx.update(sessions).set({ programmeId }).where(eq(sessions.id, sessionId));
}

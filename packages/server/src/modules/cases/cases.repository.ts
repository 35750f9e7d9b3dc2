import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseTeamMembers, casePersons, cases } from '../../db/schema.ts';

/** A case row scoped to the acting programme (row-level security enforces the same). */
export async function findCase(tx: Tx, programmeId: string, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.programmeId, programmeId)));
  return row ?? null;
}

export async function teamOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(eq(caseTeamMembers.caseId, caseId));
  return rows.map((r) => r.userId);
}

export async function personOf(tx: Tx, caseId: string) {
  const [row] = await tx.select().from(casePersons).where(eq(casePersons.caseId, caseId));
  return row ?? null;
}

/** Cases on whose team the user is, in the acting programme. */
export async function casesOnTeam(tx: Tx, programmeId: string, userId: string) {
  return tx
    .select({ id: cases.id, code: cases.code, state: cases.state, createdAt: cases.createdAt })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(and(eq(cases.programmeId, programmeId), eq(caseTeamMembers.userId, userId)))
    .orderBy(cases.createdAt);
}

/** The people in the acting programme whose personnummer has this blind index. */
export async function personsByPersonnummerIndex(tx: Tx, programmeId: string, index: Buffer) {
  return tx
    .select({ id: casePersons.id, caseId: casePersons.caseId })
    .from(casePersons)
    .where(and(eq(casePersons.programmeId, programmeId), eq(casePersons.personnummerIndex, index)));
}

import { and, asc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey, exactTimestamp } from '../../db/keyset.ts';
import {
  calls,
  caseEvents,
  caseSequences,
  caseTeamMembers,
  casePersons,
  cases,
  checklistResponses,
  programmes,
  relatedPersons,
  users,
} from '../../db/schema.ts';

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

/** Where a page of the case list continues: after this case's (created_at, id). */
export type CaseListKey = [createdAt: string, id: string];

/**
 * A page of the cases on whose team the user is, in the acting programme, oldest first. Codes
 * and states only: SECURITY: no key and no ciphertext is selected, so the list cannot decrypt.
 */
export async function casesOnTeam(
  tx: Tx,
  programmeId: string,
  userId: string,
  page: { after: CaseListKey | null; limit: number },
) {
  return tx
    .select({ id: cases.id, code: cases.code, state: cases.state, createdAt: exactTimestamp(cases.createdAt) })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(
      and(
        eq(cases.programmeId, programmeId),
        eq(caseTeamMembers.userId, userId),
        page.after ? afterCase(page.after) : undefined,
      ),
    )
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .limit(page.limit);
}

const afterCase = ([createdAt, id]: CaseListKey) =>
  afterKey([sql`${cases.createdAt}`, sql`${cases.id}`], [sql`${createdAt}::timestamptz`, sql`${id}::uuid`], 'asc');

/** Where a page of the overdue list continues: after this case's (contact_at, id). */
export type OverdueKey = [contactAt: string, id: string];

/**
 * A page of the open cases (not closed or declined) on the user's team with a clock still
 * running, first contact first, with what their clocks need. A case whose two clocks have both
 * stopped can never be late and is not read at all.
 */
export async function openCasesOnTeamForClocks(
  tx: Tx,
  programmeId: string,
  userId: string,
  page: { after: OverdueKey | null; limit: number },
) {
  return tx
    .select({
      id: cases.id,
      code: cases.code,
      contactAt: cases.contactAt,
      contactAtExact: exactTimestamp(cases.contactAt),
      firstMeetingHeldAt: cases.firstMeetingHeldAt,
      assessmentDoneAt: cases.assessmentDoneAt,
    })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(
      and(
        eq(cases.programmeId, programmeId),
        eq(caseTeamMembers.userId, userId),
        notInArray(cases.state, ['closed', 'declined']),
        or(isNull(cases.firstMeetingHeldAt), isNull(cases.assessmentDoneAt)),
        page.after
          ? afterKey(
              [sql`${cases.contactAt}`, sql`${cases.id}`],
              [sql`${page.after[0]}::timestamptz`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .orderBy(asc(cases.contactAt), asc(cases.id))
    .limit(page.limit);
}

/** The team of each of these cases, for judging access to many cases at once. */
export async function teamsOf(tx: Tx, caseIds: string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  if (caseIds.length === 0) return teams;
  const rows = await tx
    .select({ caseId: caseTeamMembers.caseId, userId: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(inArray(caseTeamMembers.caseId, caseIds));
  for (const r of rows) teams.set(r.caseId, [...(teams.get(r.caseId) ?? []), r.userId]);
  return teams;
}

/** The people in the acting programme whose personnummer has this blind index. */
export async function personsByPersonnummerIndex(tx: Tx, programmeId: string, index: Buffer) {
  return tx
    .select({ id: casePersons.id, caseId: casePersons.caseId })
    .from(casePersons)
    .where(and(eq(casePersons.programmeId, programmeId), eq(casePersons.personnummerIndex, index)));
}

/** Related persons of a case (ciphertext), in the order they were recorded. */
export async function relatedPersonsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(relatedPersons)
    .where(and(eq(relatedPersons.programmeId, programmeId), eq(relatedPersons.caseId, caseId)))
    .orderBy(asc(relatedPersons.createdAt), asc(relatedPersons.id));
}

/** Completed checklists of a case with the wrapped key of the call they were made in. */
export async function checklistsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select({
      id: checklistResponses.id,
      callId: checklistResponses.callId,
      instrumentKey: checklistResponses.instrumentKey,
      instrumentVersion: checklistResponses.instrumentVersion,
      answersEnc: checklistResponses.answersEnc,
      acute: checklistResponses.acute,
      acuteItemIds: checklistResponses.acuteItemIds,
      judgement: checklistResponses.judgement,
      createdAt: checklistResponses.createdAt,
      callWrappedKey: calls.wrappedKey,
    })
    .from(checklistResponses)
    .leftJoin(calls, eq(calls.id, checklistResponses.callId))
    .where(and(eq(checklistResponses.programmeId, programmeId), eq(checklistResponses.caseId, caseId)))
    .orderBy(asc(checklistResponses.createdAt), asc(checklistResponses.id));
}

/**
 * Moves a case from `fromState` to `toState`; false when its state changed meanwhile (a
 * concurrent transition), so two transitions can never both apply to the same state.
 */
export async function updateCaseState(
  tx: Tx,
  input: { programmeId: string; caseId: string; fromState: string; toState: string; assessmentDone: Date | null },
): Promise<boolean> {
  const rows = await tx
    .update(cases)
    .set({
      state: input.toState,
      // The first decision after assessment stops the assessment clock; a later one (after a
      // reopening) does not move it.
      ...(input.assessmentDone
        ? { assessmentDoneAt: sql`coalesce(${cases.assessmentDoneAt}, ${input.assessmentDone})` }
        : {}),
    })
    .where(and(eq(cases.id, input.caseId), eq(cases.programmeId, input.programmeId), eq(cases.state, input.fromState)))
    .returning({ id: cases.id });
  return rows.length > 0;
}

export async function insertCaseEvent(
  tx: Tx,
  values: {
    caseId: string;
    programmeId: string;
    event: string;
    fromState: string | null;
    toState: string;
    byUserId: string;
  },
): Promise<void> {
  await tx.insert(caseEvents).values(values);
}

/** Records that the case's first meeting was held, unless an earlier one already was. */
export async function setFirstMeetingHeld(tx: Tx, programmeId: string, caseId: string, at: Date): Promise<void> {
  await tx
    .update(cases)
    .set({ firstMeetingHeldAt: sql`coalesce(${cases.firstMeetingHeldAt}, ${at})` })
    .where(and(eq(cases.id, caseId), eq(cases.programmeId, programmeId)));
}

// ---- Opening a case (case-opening.ts, case-crypto.ts) ------------------------------------------

/** The programme's code and time zone, for the next case code. */
export async function programmeCodeOf(tx: Tx, programmeId: string) {
  const [programme] = await tx
    .select({ code: programmes.code, timeZone: programmes.timeZone })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return programme;
}

/** Takes the next number of the programme's case sequence for `year`, atomically under concurrency. */
export async function takeCaseNumber(tx: Tx, programmeId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(caseSequences)
    .values({ programmeId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseSequences.programmeId, caseSequences.year],
      set: { last: sql`${caseSequences.last} + 1` },
    })
    .returning({ last: caseSequences.last });
  return row!.last;
}

/** The case's id and wrapped data key (no programme filter: the caller has just created it). */
export async function caseKeyRow(tx: Tx, caseId: string) {
  const [row] = await tx.select({ id: cases.id, wrappedKey: cases.wrappedKey }).from(cases).where(eq(cases.id, caseId));
  return row;
}

export async function insertCaseRow(tx: Tx, values: typeof cases.$inferInsert): Promise<void> {
  await tx.insert(cases).values(values);
}

export async function insertCasePerson(tx: Tx, values: typeof casePersons.$inferInsert): Promise<void> {
  await tx.insert(casePersons).values(values);
}

/** Puts these members on a new case's team; a member already on it stays as they are. */
export async function insertTeamMembers(tx: Tx, rows: (typeof caseTeamMembers.$inferInsert)[]): Promise<void> {
  await tx.insert(caseTeamMembers).values(rows).onConflictDoNothing();
}

export async function insertRelatedPersonRow(tx: Tx, values: typeof relatedPersons.$inferInsert): Promise<void> {
  await tx.insert(relatedPersons).values(values);
}

// ---- Personnummer lookup (case-lookup.ts) ------------------------------------------------------

/** The cases in the programme whose person's personnummer has this blind index: id and code. */
export async function casesByPersonnummerIndex(tx: Tx, programmeId: string, index: Buffer) {
  return tx
    .select({ caseId: cases.id, code: cases.code })
    .from(casePersons)
    .innerJoin(cases, eq(cases.id, casePersons.caseId))
    .where(and(eq(casePersons.programmeId, programmeId), eq(casePersons.personnummerIndex, index)));
}

/** The team members of these cases with their display names and who owns each case. */
export async function teamMembersOfCases(tx: Tx, caseIds: string[]) {
  return tx
    .select({
      caseId: caseTeamMembers.caseId,
      userId: caseTeamMembers.userId,
      isOwner: caseTeamMembers.isOwner,
      displayName: users.displayName,
    })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .where(inArray(caseTeamMembers.caseId, caseIds));
}

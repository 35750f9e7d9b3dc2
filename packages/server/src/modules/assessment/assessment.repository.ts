import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import {
  conditionsSignatures,
  conditionsVersions,
  eligibilityDecisions,
  meetingRecords,
  meetings,
  memberships,
  programmes,
} from '../../db/schema.ts';

// The assessment module's SQL for conditions, eligibility decisions and first-meeting records (consents are in
// consents.repository.ts). Every query is scoped to the acting programme.

/** The programme's stored eligibility criteria (JSON, parsed by the service), or undefined. */
export async function eligibilityCriteriaOf(tx: Tx, programmeId: string): Promise<unknown> {
  const [row] = await tx
    .select({ criteria: programmes.eligibilityCriteria })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row?.criteria;
}

export async function insertEligibilityDecision(
  tx: Tx,
  values: typeof eligibilityDecisions.$inferInsert,
): Promise<void> {
  await tx.insert(eligibilityDecisions).values(values);
}

/** A case's eligibility decisions, newest first. */
export async function eligibilityDecisionsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(eligibilityDecisions)
    .where(and(eq(eligibilityDecisions.programmeId, programmeId), eq(eligibilityDecisions.caseId, caseId)))
    .orderBy(desc(eligibilityDecisions.decidedAt), desc(eligibilityDecisions.id));
}

/** Which of these users are members of the programme. */
export async function membersAmong(tx: Tx, programmeId: string, userIds: readonly string[]): Promise<Set<string>> {
  const members = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.userId, [...userIds])));
  return new Set(members.map((m) => m.userId));
}

/** True when the meeting belongs to this case of the programme. */
export async function meetingOfCaseExists(
  tx: Tx,
  programmeId: string,
  caseId: string,
  meetingId: string,
): Promise<boolean> {
  const [meeting] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.programmeId, programmeId), eq(meetings.caseId, caseId)));
  return meeting !== undefined;
}

export async function insertMeetingRecord(tx: Tx, values: typeof meetingRecords.$inferInsert): Promise<void> {
  await tx.insert(meetingRecords).values(values);
}

/** A case's meeting records, oldest first. */
export async function meetingRecordsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(meetingRecords)
    .where(and(eq(meetingRecords.programmeId, programmeId), eq(meetingRecords.caseId, caseId)))
    .orderBy(asc(meetingRecords.createdAt), asc(meetingRecords.id));
}

// ---- Conditions ---------------------------------------------------------------------------

/** The programme's newest conditions version, or null. */
export async function latestConditionsVersion(tx: Tx, programmeId: string) {
  const [row] = await tx
    .select()
    .from(conditionsVersions)
    .where(eq(conditionsVersions.programmeId, programmeId))
    .orderBy(desc(conditionsVersions.version))
    .limit(1);
  return row ?? null;
}

/** Inserts a version unless that number exists (the unique index decides a race); the row or undefined. */
export async function insertConditionsVersion(tx: Tx, values: typeof conditionsVersions.$inferInsert) {
  const [row] = await tx.insert(conditionsVersions).values(values).onConflictDoNothing().returning();
  return row;
}

export async function conditionsVersionExists(tx: Tx, programmeId: string, version: number): Promise<boolean> {
  const [row] = await tx
    .select({ version: conditionsVersions.version })
    .from(conditionsVersions)
    .where(and(eq(conditionsVersions.programmeId, programmeId), eq(conditionsVersions.version, version)));
  return row !== undefined;
}

/** The programme's conditions versions with these numbers. */
export async function conditionsVersionsIn(tx: Tx, programmeId: string, versions: readonly number[]) {
  if (versions.length === 0) return [];
  return tx
    .select()
    .from(conditionsVersions)
    .where(and(eq(conditionsVersions.programmeId, programmeId), inArray(conditionsVersions.version, [...versions])));
}

export async function insertConditionsSignature(
  tx: Tx,
  values: typeof conditionsSignatures.$inferInsert,
): Promise<void> {
  await tx.insert(conditionsSignatures).values(values);
}

/** A case's signatures, in the order they were signed. */
export async function conditionsSignaturesOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(conditionsSignatures)
    .where(and(eq(conditionsSignatures.programmeId, programmeId), eq(conditionsSignatures.caseId, caseId)))
    .orderBy(asc(conditionsSignatures.signedAt), asc(conditionsSignatures.id));
}

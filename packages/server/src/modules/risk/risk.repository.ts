import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey } from '../../db/keyset.ts';
import { caseIncidents, caseTeamMembers, cases, riskAnalyses } from '../../db/schema.ts';

// SQL of risk analyses and the incidents that make a re-assessment due; scoped to the programme.

export async function insertRiskAnalysis(tx: Tx, values: typeof riskAnalyses.$inferInsert) {
  const [row] = await tx.insert(riskAnalyses).values(values).returning();
  return row!;
}

/** The analyses of one case, newest first. */
export async function riskAnalysesOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(riskAnalyses)
    .where(and(eq(riskAnalyses.programmeId, programmeId), eq(riskAnalyses.caseId, caseId)))
    .orderBy(desc(riskAnalyses.createdAt), desc(riskAnalyses.id));
}

export async function findRiskAnalysis(tx: Tx, programmeId: string, caseId: string, id: string) {
  const [row] = await tx
    .select()
    .from(riskAnalyses)
    .where(and(eq(riskAnalyses.programmeId, programmeId), eq(riskAnalyses.caseId, caseId), eq(riskAnalyses.id, id)));
  return row ?? null;
}

export async function insertIncident(tx: Tx, values: typeof caseIncidents.$inferInsert) {
  const [row] = await tx.insert(caseIncidents).values(values).returning();
  return row!;
}

/** The incidents of one case with their (encrypted) notes, oldest first. */
export async function incidentsOfCase(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(caseIncidents)
    .where(and(eq(caseIncidents.programmeId, programmeId), eq(caseIncidents.caseId, caseId)))
    .orderBy(caseIncidents.occurredAt, caseIncidents.id);
}

/** The incidents of the cases, oldest first (no notes: the review check needs kind and time). */
export async function incidentsOfCases(tx: Tx, programmeId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .select({
      id: caseIncidents.id,
      caseId: caseIncidents.caseId,
      kind: caseIncidents.kind,
      occurredAt: caseIncidents.occurredAt,
      createdAt: caseIncidents.createdAt,
    })
    .from(caseIncidents)
    .where(and(eq(caseIncidents.programmeId, programmeId), inArray(caseIncidents.caseId, [...caseIds])))
    .orderBy(caseIncidents.occurredAt);
}

/** The latest analysis of each case (judgement and dates only; never content). */
export async function latestAnalysesOfCases(tx: Tx, programmeId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return new Map<string, { createdAt: Date; nextReviewOn: string; judgement: string }>();
  const rows = await tx
    .selectDistinctOn([riskAnalyses.caseId], {
      caseId: riskAnalyses.caseId,
      createdAt: riskAnalyses.createdAt,
      nextReviewOn: riskAnalyses.nextReviewOn,
      judgement: riskAnalyses.judgement,
    })
    .from(riskAnalyses)
    .where(and(eq(riskAnalyses.programmeId, programmeId), inArray(riskAnalyses.caseId, [...caseIds])))
    .orderBy(riskAnalyses.caseId, desc(riskAnalyses.createdAt), desc(riskAnalyses.id));
  return new Map(rows.map((r) => [r.caseId, r]));
}

/** States in which a case is no longer followed and needs no re-assessment. */
const FINISHED_STATES = ['closed', 'declined'];

/** Open cases on the user's team: id, code and state only. */
export async function openCasesOnTeam(
  tx: Tx,
  programmeId: string,
  userId: string,
  page: { after: ReviewListKey | null; limit: number },
) {
  return tx
    .select({ id: cases.id, code: cases.code, state: cases.state })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(
      and(
        eq(cases.programmeId, programmeId),
        eq(caseTeamMembers.userId, userId),
        notInArray(cases.state, FINISHED_STATES),
        page.after
          ? afterKey(
              [sql`${cases.code}`, sql`${cases.id}`],
              [sql`${page.after[0]}`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .orderBy(asc(cases.code), asc(cases.id))
    .limit(page.limit);
}

/** Where a page of the reviews-due list continues: after this case's (code, id). */
export type ReviewListKey = [code: string, id: string];

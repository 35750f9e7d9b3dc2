import { and, asc, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import {
  caseActorLinks,
  caseTeamMembers,
  cases,
  groupPresence,
  placements,
  rivalries,
  threatGroups,
  threatPersons,
} from '../../db/schema.ts';

// SQL of the threat-actor registry. Every query is scoped to the acting programme.

export async function groupsOf(tx: Tx, programmeId: string) {
  return tx
    .select({ id: threatGroups.id, name: threatGroups.name, createdAt: threatGroups.createdAt })
    .from(threatGroups)
    .where(eq(threatGroups.programmeId, programmeId))
    .orderBy(asc(threatGroups.name), asc(threatGroups.id));
}

/** The ids among `groupIds` that are groups of the programme. */
export async function existingGroupIds(tx: Tx, programmeId: string, groupIds: readonly string[]): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: threatGroups.id })
    .from(threatGroups)
    .where(and(eq(threatGroups.programmeId, programmeId), inArray(threatGroups.id, [...groupIds])));
  return new Set(rows.map((r) => r.id));
}

export async function insertGroup(tx: Tx, programmeId: string, name: string) {
  const [row] = await tx
    .insert(threatGroups)
    .values({ programmeId, name })
    .returning({ id: threatGroups.id, name: threatGroups.name });
  return row!;
}

/** Records that a group is present in a municipality; recording it twice changes nothing. */
export async function insertPresence(tx: Tx, programmeId: string, groupId: string, municipality: string) {
  await tx.insert(groupPresence).values({ programmeId, groupId, municipality }).onConflictDoNothing();
}

export async function presenceOf(tx: Tx, programmeId: string) {
  return tx
    .select({ groupId: groupPresence.groupId, municipality: groupPresence.municipality })
    .from(groupPresence)
    .where(eq(groupPresence.programmeId, programmeId))
    .orderBy(asc(groupPresence.municipality));
}

/** Stores a rivalry once, ordered (group_a < group_b), so A–B and B–A are the same row. */
export async function insertRivalry(tx: Tx, programmeId: string, groupA: string, groupB: string) {
  const [a, b] = groupA < groupB ? [groupA, groupB] : [groupB, groupA];
  await tx.insert(rivalries).values({ programmeId, groupA: a, groupB: b }).onConflictDoNothing();
  return { groupA: a, groupB: b };
}

export async function rivalriesOf(tx: Tx, programmeId: string) {
  return tx
    .select({ groupA: rivalries.groupA, groupB: rivalries.groupB })
    .from(rivalries)
    .where(eq(rivalries.programmeId, programmeId));
}

export async function insertThreatPerson(tx: Tx, values: typeof threatPersons.$inferInsert) {
  await tx.insert(threatPersons).values(values);
}

export async function threatPersonsOf(tx: Tx, programmeId: string) {
  return tx
    .select()
    .from(threatPersons)
    .where(eq(threatPersons.programmeId, programmeId))
    .orderBy(asc(threatPersons.createdAt), asc(threatPersons.id));
}

export async function findThreatPerson(tx: Tx, programmeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(threatPersons)
    .where(and(eq(threatPersons.programmeId, programmeId), eq(threatPersons.id, id)));
  return row ?? null;
}

export async function insertActorLink(tx: Tx, values: typeof caseActorLinks.$inferInsert) {
  const [row] = await tx.insert(caseActorLinks).values(values).returning();
  return row!;
}

/** The links of one case to groups and persons, oldest first. */
export async function actorLinksOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(caseActorLinks)
    .where(and(eq(caseActorLinks.programmeId, programmeId), eq(caseActorLinks.caseId, caseId)))
    .orderBy(asc(caseActorLinks.createdAt), asc(caseActorLinks.id));
}

/**
 * OTHER cases with a current placement (active, started and not ended by `today`), with their
 * municipality and their links to groups. The caller matches the municipality (see the domain's
 * `placementConflicts`): Postgres' lower() depends on the collation and would miss "Örebro".
 * SECURITY: returns case ids and codes for the conflict check only; the caller never passes them
 * on except to the other case's own team.
 */
export async function otherPlacedCases(
  tx: Tx,
  programmeId: string,
  input: { caseId: string; today: string; municipalityIndex: Buffer },
) {
  const placed = await tx
    .selectDistinct({ caseId: placements.caseId, code: cases.code })
    .from(placements)
    .innerJoin(cases, eq(cases.id, placements.caseId))
    .where(
      and(
        eq(placements.programmeId, programmeId),
        ne(placements.caseId, input.caseId),
        eq(placements.municipalityIndex, input.municipalityIndex),
        eq(placements.status, 'active'),
        lte(placements.startsOn, input.today),
        or(isNull(placements.endsOn), gte(placements.endsOn, input.today)),
      ),
    );
  const caseIds = [...new Set(placed.map((p) => p.caseId))];
  if (caseIds.length === 0) return [];
  const links = await tx
    .select({ caseId: caseActorLinks.caseId, kind: caseActorLinks.kind, groupId: caseActorLinks.groupId })
    .from(caseActorLinks)
    .where(and(eq(caseActorLinks.programmeId, programmeId), inArray(caseActorLinks.caseId, caseIds)));
  return placed.map((p) => ({ ...p, links: links.filter((l) => l.caseId === p.caseId) }));
}

/** Whether the user is on the case's team (to decide whether a case code may be shown). */
export async function isOnTeamOf(tx: Tx, caseId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ userId: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(and(eq(caseTeamMembers.caseId, caseId), eq(caseTeamMembers.userId, userId)));
  return rows.length > 0;
}

import { CASE_LEAD_ROLES } from '@utvag/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import {
  identityLinks,
  memberships,
  placements,
  protectedDataApplications,
  protectiveMeasures,
  users,
} from '../../db/schema.ts';

// Every query names the acting programme; row-level security enforces the same underneath.

/** The columns of a placement that may be listed. SECURITY: deliberately without `addressEnc`. */
const placementSummaryColumns = {
  id: placements.id,
  caseId: placements.caseId,
  providerKind: placements.providerKind,
  providerNameEnc: placements.providerNameEnc,
  ivoPermitEnc: placements.ivoPermitEnc,
  municipalityEnc: placements.municipalityEnc,
  startsOn: placements.startsOn,
  endsOn: placements.endsOn,
  costPerDayOre: placements.costPerDayOre,
  status: placements.status,
  createdAt: placements.createdAt,
};

export type PlacementSummaryRow = { [K in keyof typeof placementSummaryColumns]: (typeof placements.$inferSelect)[K] };

export async function insertPlacement(tx: Tx, values: typeof placements.$inferInsert): Promise<void> {
  await tx.insert(placements).values(values);
}

/** A case's placements, oldest first: the relocation history. No addresses. */
export async function placementsOfCase(tx: Tx, programmeId: string, caseId: string): Promise<PlacementSummaryRow[]> {
  return tx
    .select(placementSummaryColumns)
    .from(placements)
    .where(and(eq(placements.programmeId, programmeId), eq(placements.caseId, caseId)))
    .orderBy(asc(placements.startsOn), asc(placements.createdAt), asc(placements.id));
}

/** One placement without its address, or null. */
export async function findPlacement(tx: Tx, programmeId: string, placementId: string) {
  const [row] = await tx
    .select(placementSummaryColumns)
    .from(placements)
    .where(and(eq(placements.programmeId, programmeId), eq(placements.id, placementId)));
  return row ?? null;
}

/** The ciphertext of one placement's address. Only the address view calls this. */
export async function placementAddressCiphertext(tx: Tx, programmeId: string, placementId: string) {
  const [row] = await tx
    .select({ addressEnc: placements.addressEnc })
    .from(placements)
    .where(and(eq(placements.programmeId, programmeId), eq(placements.id, placementId)));
  return row?.addressEnc ?? null;
}

export async function updatePlacement(
  tx: Tx,
  programmeId: string,
  placementId: string,
  values: { status?: string; endsOn?: string | null },
): Promise<void> {
  await tx
    .update(placements)
    .set(values)
    .where(and(eq(placements.programmeId, programmeId), eq(placements.id, placementId)));
}

export async function insertProtectedDataApplication(
  tx: Tx,
  values: typeof protectedDataApplications.$inferInsert,
): Promise<typeof protectedDataApplications.$inferSelect> {
  const [row] = await tx.insert(protectedDataApplications).values(values).returning();
  return row!;
}

export async function protectedDataOfCase(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(protectedDataApplications)
    .where(and(eq(protectedDataApplications.programmeId, programmeId), eq(protectedDataApplications.caseId, caseId)))
    .orderBy(asc(protectedDataApplications.appliedOn), asc(protectedDataApplications.createdAt));
}

export async function insertMeasure(
  tx: Tx,
  values: typeof protectiveMeasures.$inferInsert,
): Promise<typeof protectiveMeasures.$inferSelect> {
  const [row] = await tx.insert(protectiveMeasures).values(values).returning();
  return row!;
}

export async function measuresOfCase(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(protectiveMeasures)
    .where(and(eq(protectiveMeasures.programmeId, programmeId), eq(protectiveMeasures.caseId, caseId)))
    .orderBy(asc(protectiveMeasures.createdAt), asc(protectiveMeasures.id));
}

/** The case's sealed identity link (ciphertext), or null. */
export async function identityLinkOfCase(tx: Tx, programmeId: string, caseId: string) {
  const [row] = await tx
    .select()
    .from(identityLinks)
    .where(and(eq(identityLinks.programmeId, programmeId), eq(identityLinks.caseId, caseId)));
  return row ?? null;
}

export async function insertIdentityLink(tx: Tx, values: typeof identityLinks.$inferInsert): Promise<void> {
  await tx.insert(identityLinks).values(values);
}

export async function replaceIdentityLink(
  tx: Tx,
  programmeId: string,
  linkId: string,
  values: { linkEnc: Buffer; sealedReaderIds: string[] },
): Promise<void> {
  await tx
    .update(identityLinks)
    .set(values)
    .where(and(eq(identityLinks.programmeId, programmeId), eq(identityLinks.id, linkId)));
}

/** Which of these users are active coordinators of the programme. */
export async function coordinatorsAmong(tx: Tx, programmeId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.programmeId, programmeId),
        inArray(memberships.role, [...CASE_LEAD_ROLES]),
        eq(users.status, 'active'),
        inArray(memberships.userId, userIds),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

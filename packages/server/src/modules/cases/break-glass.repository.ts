import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { breakGlassGrants, caseTeamMembers, memberships, programmes, users } from '../../db/schema.ts';

/**
 * When the user's earliest membership in one of `roles` took effect in the programme, with the
 * programme's minimum role age for break-the-glass; null when they hold none of the roles.
 */
export async function earliestRoleMembership(tx: Tx, programmeId: string, userId: string, roles: readonly string[]) {
  const [row] = await tx
    .select({ since: memberships.createdAt, minDays: programmes.breakGlassMinRoleDays })
    .from(memberships)
    .innerJoin(programmes, eq(programmes.id, memberships.programmeId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.programmeId, programmeId),
        inArray(memberships.role, [...roles]),
      ),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertBreakGlassGrant(tx: Tx, values: typeof breakGlassGrants.$inferInsert): Promise<void> {
  await tx.insert(breakGlassGrants).values(values);
}

/** The owners on the case's team. */
export async function caseOwners(tx: Tx, caseId: string) {
  return tx
    .select({ id: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(and(eq(caseTeamMembers.caseId, caseId), eq(caseTeamMembers.isOwner, true)));
}

/** The members of the programme holding one of `roles` (one row per membership). */
export async function membersInRoles(tx: Tx, programmeId: string, roles: readonly string[]) {
  return tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.role, [...roles])));
}

/** These users with their e-mail addresses. */
export async function usersWithEmail(tx: Tx, userIds: string[]) {
  return tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds));
}

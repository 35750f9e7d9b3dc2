import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseTeamMembers, memberships, organisations, users } from '../../db/schema.ts';

/** The case's team with each member's name and organisation. */
export async function teamWithOrganisations(tx: Tx, caseId: string) {
  return tx
    .select({
      userId: users.id,
      displayName: users.displayName,
      organisationId: organisations.id,
      organisationName: organisations.name,
      isOwner: caseTeamMembers.isOwner,
    })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(caseTeamMembers.caseId, caseId));
}

/** Every (user, role) membership of these users in the programme. */
export async function membershipsOf(tx: Tx, programmeId: string, userIds: string[]) {
  return tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.userId, userIds)));
}

/** One membership of the user in one of `roles`, if the user is active; else null. */
export async function activeMembershipInRoles(tx: Tx, programmeId: string, userId: string, roles: readonly string[]) {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.programmeId, programmeId),
        inArray(memberships.role, [...roles]),
        eq(users.status, 'active'),
      ),
    )
    .limit(1);
  return member ?? null;
}

/** Puts the user on the case's team (not as owner); nothing when already on it. */
export async function insertTeamMember(tx: Tx, values: { caseId: string; programmeId: string; userId: string }) {
  await tx.insert(caseTeamMembers).values(values).onConflictDoNothing();
}

/** Takes the user off the case's team unless they are its owner; false when nothing was removed. */
export async function deleteNonOwnerTeamMember(tx: Tx, caseId: string, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(caseTeamMembers)
    .where(
      and(eq(caseTeamMembers.caseId, caseId), eq(caseTeamMembers.userId, userId), eq(caseTeamMembers.isOwner, false)),
    )
    .returning({ userId: caseTeamMembers.userId });
  return removed.length > 0;
}

/** Active members of the programme in one of `roles`, one row per membership, with organisation. */
export async function activeMembersInRoles(tx: Tx, programmeId: string, roles: readonly string[]) {
  return tx
    .select({
      userId: users.id,
      displayName: users.displayName,
      organisationName: organisations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(eq(memberships.programmeId, programmeId), inArray(memberships.role, [...roles]), eq(users.status, 'active')),
    );
}

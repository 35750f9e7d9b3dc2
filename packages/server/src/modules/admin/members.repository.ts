import type { Role } from '@utvag/domain';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/database.ts';
import { afterKey } from '../../db/keyset.ts';
import { enrolmentTokens, memberships, organisations, pendingMemberships, users } from '../../db/schema.ts';

/** Records roles as awaiting confirmation (a second request for the same role is a no-op). */
export async function insertPendingRoles(
  tx: Tx,
  rows: { userId: string; programmeId: string; role: Role; requestedBy: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(pendingMemberships).values(rows).onConflictDoNothing();
}

/** The user's roles in the programme that wait for confirmation. */
export async function pendingRolesOf(tx: Tx, programmeId: string, userId: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: pendingMemberships.role })
    .from(pendingMemberships)
    .where(and(eq(pendingMemberships.userId, userId), eq(pendingMemberships.programmeId, programmeId)))
    .orderBy(asc(pendingMemberships.role));
  return rows.map((r) => r.role as Role);
}

/** Every role the user holds or awaits, in any programme. */
export async function heldAndPendingRoles(tx: Tx, userId: string): Promise<Role[]> {
  const held = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
  const pending = await tx
    .select({ role: pendingMemberships.role })
    .from(pendingMemberships)
    .where(eq(pendingMemberships.userId, userId));
  return [...held, ...pending].map((r) => r.role as Role);
}

/** Ends every unused one-time link of a user (a fresh one replaces them). */
export async function expireUnusedLinks(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(enrolmentTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(enrolmentTokens.userId, userId), isNull(enrolmentTokens.usedAt)));
}

/** The sort key of the pending-members list: username, then id. */
export type PendingMemberKey = [string, string];

/**
 * A page of the users awaiting a case-reading role in the programme, by username: one row per
 * user with all their awaited roles, and who asked first and when. `exceptUserId` is left out.
 */
export async function pendingMembersPage(
  tx: Tx,
  programmeId: string,
  exceptUserId: string,
  page: { after: PendingMemberKey | null; limit: number },
) {
  const requester = alias(users, 'requester');
  return tx
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      status: users.status,
      organisation: organisations.name,
      roles: sql<string[]>`array_agg(${pendingMemberships.role} order by ${pendingMemberships.role})`,
      requestedBy: sql<string>`(array_agg(${requester.displayName} order by ${pendingMemberships.createdAt}))[1]`,
      requestedAt: sql<Date>`min(${pendingMemberships.createdAt})`.mapWith(pendingMemberships.createdAt),
    })
    .from(pendingMemberships)
    .innerJoin(users, eq(users.id, pendingMemberships.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(requester, eq(requester.id, pendingMemberships.requestedBy))
    .where(
      and(
        eq(pendingMemberships.programmeId, programmeId),
        ne(users.id, exceptUserId),
        page.after
          ? afterKey(
              [sql`${users.username}`, sql`${users.id}`],
              [sql`${page.after[0]}`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .groupBy(users.id, organisations.id)
    .orderBy(asc(users.username), asc(users.id))
    .limit(page.limit);
}

/** The pending role rows of one user in one programme. */
export async function pendingRowsOf(tx: Tx, programmeId: string, userId: string) {
  return tx
    .select()
    .from(pendingMemberships)
    .where(and(eq(pendingMemberships.userId, userId), eq(pendingMemberships.programmeId, programmeId)));
}

/** A user row by id, or undefined. */
export async function findUser(tx: Tx, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  return user;
}

/** Moves pending roles into force: memberships inserted (dated now), the pending rows removed. */
export async function grantPendingRoles(tx: Tx, programmeId: string, userId: string, roles: string[]): Promise<void> {
  if (roles.length === 0) return;
  await tx
    .insert(memberships)
    .values(roles.map((role) => ({ userId, programmeId, role })))
    .onConflictDoNothing();
  await deletePendingRoles(tx, programmeId, userId, roles);
}

/** Removes pending roles of a user in a programme (all of them when `roles` is omitted). */
export async function deletePendingRoles(tx: Tx, programmeId: string, userId: string, roles?: string[]): Promise<void> {
  const scope = and(eq(pendingMemberships.userId, userId), eq(pendingMemberships.programmeId, programmeId));
  await tx.delete(pendingMemberships).where(roles ? and(scope, inArray(pendingMemberships.role, roles)) : scope);
}

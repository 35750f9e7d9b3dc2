import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { memberships, pendingMemberships, programmes, users } from '../../db/schema.ts';

// The statements of the operator's commands at the machine (`./utvag admin …`), across programmes.

/** Every user with each of their memberships (one row per role; a user without any, once). */
export async function usersWithMemberships(tx: Tx) {
  return tx
    .select({
      username: users.username,
      status: users.status,
      role: memberships.role,
      programme: programmes.code,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(programmes, eq(programmes.id, memberships.programmeId))
    .orderBy(asc(users.username));
}

/** The user with this (lower-case) username, or undefined. */
export async function userNamed(tx: Tx, username: string) {
  const [user] = await tx.select().from(users).where(eq(users.username, username));
  return user;
}

/** The user's pending roles in every programme. */
export async function allPendingRolesOf(tx: Tx, userId: string) {
  return tx.select().from(pendingMemberships).where(eq(pendingMemberships.userId, userId));
}

/** Puts these pending roles in force and removes every pending role of the user. */
export async function grantAllPendingRoles(
  tx: Tx,
  userId: string,
  pending: readonly { programmeId: string; role: string }[],
): Promise<void> {
  await tx
    .insert(memberships)
    .values(pending.map((p) => ({ userId, programmeId: p.programmeId, role: p.role })))
    .onConflictDoNothing();
  await tx.delete(pendingMemberships).where(eq(pendingMemberships.userId, userId));
}

import type { Role } from '@utvag/domain';
import { and, asc, eq, exists, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey } from '../../db/keyset.ts';
import {
  enrolmentTokens,
  memberships,
  organisations,
  pendingMemberships,
  programmes,
  recoveryCodes,
  users,
  webauthnCredentials,
} from '../../db/schema.ts';

// The administrator's SQL: users of a programme, organisations, programmes. Every user query is
// scoped to the acting programme (a member, or awaiting a role there); organisations are shared.

const inProgramme = (table: typeof memberships | typeof pendingMemberships, programmeId: string, userId: string) =>
  and(eq(table.userId, userId), eq(table.programmeId, programmeId));

/** The user row when they hold or await a role in the programme; undefined otherwise. */
export async function findMemberUser(tx: Tx, programmeId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        or(
          exists(
            tx
              .select({ one: sql`1` })
              .from(memberships)
              .where(inProgramme(memberships, programmeId, userId)),
          ),
          exists(
            tx
              .select({ one: sql`1` })
              .from(pendingMemberships)
              .where(inProgramme(pendingMemberships, programmeId, userId)),
          ),
        ),
      ),
    )
    .limit(1);
  return row;
}

/** A user as the administrator's list shows them, before their roles are attached. */
export type UserListRow = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  status: string;
  organisation: { id: string; name: string; kind: string };
  hasTotp: boolean;
  hasPasskey: boolean;
};

/** Where a page of the administrator's user list continues: after this (username, id). */
export type UserListKey = [username: string, id: string];

/**
 * The users with a role, or awaiting one, in the programme — a page of them by username, or the
 * one user `onlyUserId` — with their organisation and which second factors they have, in one
 * query (no query per user).
 */
export async function usersOfProgramme(
  tx: Tx,
  programmeId: string,
  onlyUserId?: string,
  page?: { after: UserListKey | null; limit: number },
): Promise<UserListRow[]> {
  // A list is always read a page at a time: without one user named, a page must be given.
  if (onlyUserId === undefined && page === undefined) throw new Error('usersOfProgramme: a page or one user');
  const heldIds = tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.programmeId, programmeId));
  const pendingIds = tx
    .select({ id: pendingMemberships.userId })
    .from(pendingMemberships)
    .where(eq(pendingMemberships.programmeId, programmeId));
  const rows = await tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      status: users.status,
      organisation: { id: organisations.id, name: organisations.name, kind: organisations.kind },
      hasTotp: sql<boolean>`${users.totpSecretEnc} is not null`,
      hasPasskey: sql<boolean>`exists (select 1 from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${users.id})`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    // One user is shown by id (the caller has already checked they belong to the programme).
    .where(
      and(
        onlyUserId === undefined
          ? or(inArray(users.id, heldIds), inArray(users.id, pendingIds))
          : eq(users.id, onlyUserId),
        page?.after
          ? afterKey(
              [sql`${users.username}`, sql`${users.id}`],
              [sql`${page.after[0]}`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.username), asc(users.id))
    .limit(page?.limit ?? 1);
  return rows.map((r) => ({ ...r, hasTotp: Boolean(r.hasTotp), hasPasskey: Boolean(r.hasPasskey) }));
}

/**
 * The roles held and awaited in the programme by the given users, in one query; ordered by role
 * within each kind.
 */
export async function rolesInProgramme(
  tx: Tx,
  programmeId: string,
  userIds: readonly string[],
): Promise<{ userId: string; role: Role; pending: boolean }[]> {
  if (userIds.length === 0) return [];
  const held = tx
    .select({ userId: memberships.userId, role: memberships.role, pending: sql<boolean>`false`.as('pending') })
    .from(memberships)
    .where(and(eq(memberships.programmeId, programmeId), inArray(memberships.userId, [...userIds])));
  const awaiting = tx
    .select({
      userId: pendingMemberships.userId,
      role: pendingMemberships.role,
      pending: sql<boolean>`true`.as('pending'),
    })
    .from(pendingMemberships)
    .where(and(eq(pendingMemberships.programmeId, programmeId), inArray(pendingMemberships.userId, [...userIds])));
  const rows = await held.unionAll(awaiting).orderBy(sql`role`);
  return rows.map((r) => ({ userId: r.userId, role: r.role as Role, pending: r.pending === true }));
}

export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row !== undefined;
}

export async function organisationExists(tx: Tx, organisationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row !== undefined;
}

export async function insertUser(
  tx: Tx,
  values: { username: string; displayName: string; email: string | null; organisationId: string },
): Promise<string> {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

/** Grants roles at once (a role already held stays as it is, with its start date). */
export async function insertMemberships(tx: Tx, programmeId: string, userId: string, roles: readonly Role[]) {
  if (roles.length === 0) return;
  await tx
    .insert(memberships)
    .values(roles.map((role) => ({ userId, programmeId, role })))
    .onConflictDoNothing();
}

/** Locks the user's row: concurrent changes of the same user's roles queue on it. */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

export async function heldRoles(tx: Tx, programmeId: string, userId: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(inProgramme(memberships, programmeId, userId));
  return rows.map((r) => r.role as Role);
}

export async function deleteMemberships(tx: Tx, programmeId: string, userId: string, roles: readonly Role[]) {
  if (roles.length === 0) return;
  await tx
    .delete(memberships)
    .where(and(inProgramme(memberships, programmeId, userId), inArray(memberships.role, [...roles])));
}

/** Drops the user's awaited roles in the programme that are not among `keep`. */
export async function deletePendingRolesExcept(tx: Tx, programmeId: string, userId: string, keep: readonly Role[]) {
  await tx
    .delete(pendingMemberships)
    .where(and(inProgramme(pendingMemberships, programmeId, userId), notInArray(pendingMemberships.role, [...keep])));
}

export async function setUserDeactivated(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, userId));
}

/** Ends every one-time link of the user, used or not. */
export async function useUpAllLinks(tx: Tx, userId: string): Promise<void> {
  await tx.update(enrolmentTokens).set({ usedAt: new Date() }).where(eq(enrolmentTokens.userId, userId));
}

/** Removes every second factor of the user: passkeys, recovery codes and the TOTP secret. */
export async function removeSecondFactors(tx: Tx, userId: string): Promise<void> {
  await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.update(users).set({ totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, userId));
}

const organisationColumns = { id: organisations.id, name: organisations.name, kind: organisations.kind };

export async function allOrganisations(tx: Tx) {
  return tx.select(organisationColumns).from(organisations).orderBy(asc(organisations.name));
}

export async function organisationNameTaken(tx: Tx, name: string): Promise<boolean> {
  const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
  return row !== undefined;
}

export async function insertOrganisation(tx: Tx, values: typeof organisations.$inferInsert) {
  const [row] = await tx.insert(organisations).values(values).returning(organisationColumns);
  return row!;
}

const programmeColumns = {
  id: programmes.id,
  code: programmes.code,
  name: programmes.name,
  requirePhishingResistant: programmes.requirePhishingResistant,
};

/** The programmes in which the user holds `role`, by code. */
export async function programmesWhereUserHolds(tx: Tx, userId: string, role: Role) {
  return tx
    .select(programmeColumns)
    .from(programmes)
    .innerJoin(memberships, eq(memberships.programmeId, programmes.id))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, role)))
    .orderBy(asc(programmes.code));
}

export async function programmeCodeTaken(tx: Tx, code: string): Promise<boolean> {
  const [row] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, code));
  return row !== undefined;
}

export async function insertProgramme(tx: Tx, values: typeof programmes.$inferInsert) {
  const [row] = await tx.insert(programmes).values(values).returning(programmeColumns);
  return row!;
}

export async function updateProgrammePolicy(
  tx: Tx,
  programmeId: string,
  values: { requirePhishingResistant: boolean },
) {
  const [row] = await tx
    .update(programmes)
    .set(values)
    .where(eq(programmes.id, programmeId))
    .returning(programmeColumns);
  return row!;
}

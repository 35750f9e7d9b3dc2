import type { Role } from '@utvag/domain';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey } from '../../db/keyset.ts';
import { memberships, organisations, pendingMemberships, users, webauthnCredentials } from '../../db/schema.ts';

/** Where a page of the administrator's user list continues: after this (username, id). */
export type UserListKey = [username: string, id: string];

/**
 * A page of everyone with a role, or awaiting one, in the programme, by username, each with their
 * organisation, roles here, awaited roles here and which second factors they have: one query for
 * the page, whatever its size (decision 014). SECURITY: selects no secret — whether a TOTP secret
 * exists, never the secret.
 */
export async function usersOfProgramme(
  tx: Tx,
  programmeId: string,
  page: { after: UserListKey | null; limit: number },
) {
  const member = or(
    inArray(
      users.id,
      tx.select({ id: memberships.userId }).from(memberships).where(eq(memberships.programmeId, programmeId)),
    ),
    inArray(
      users.id,
      tx
        .select({ id: pendingMemberships.userId })
        .from(pendingMemberships)
        .where(eq(pendingMemberships.programmeId, programmeId)),
    ),
  );
  return tx
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      status: users.status,
      organisation: { id: organisations.id, name: organisations.name, kind: organisations.kind },
      roles: sql<Role[]>`array(select m.role from ${memberships} m
        where m.user_id = ${users.id} and m.programme_id = ${programmeId} order by m.role)`,
      pendingRoles: sql<Role[]>`array(select p.role from ${pendingMemberships} p
        where p.user_id = ${users.id} and p.programme_id = ${programmeId} order by p.role)`,
      hasPasskey: sql<boolean>`exists(select 1 from ${webauthnCredentials} w where w.user_id = ${users.id})`,
      hasTotp: sql<boolean>`${users.totpSecretEnc} is not null`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        member,
        page.after
          ? afterKey(
              [sql`${users.username}`, sql`${users.id}`],
              [sql`${page.after[0]}`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.username), asc(users.id))
    .limit(page.limit);
}

import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { breakGlassGrants, memberships, users } from '../../db/schema.ts';

/**
 * The actor of a request in one statement (one round trip on every signed-in request): the user's
 * organisation, roles in `programmeId` and open break-the-glass cases there; null when the user
 * does not exist. Without a programme, no roles and no cases. The subqueries compare with the
 * parameter, not with `users.id`: drizzle renders a column inside a select field unqualified, and
 * `"id"` inside the grants' subquery would be the grant's own id.
 */
export async function actorRow(
  tx: Tx,
  userId: string,
  programmeId: string | null,
  now: Date,
): Promise<{ organisationId: string; roles: string[]; breakGlassCaseIds: string[] } | null> {
  const [row] = await tx
    .select({
      organisationId: users.organisationId,
      roles: sql<string[]>`coalesce((select array_agg(${memberships.role}) from ${memberships}
        where ${memberships.userId} = ${userId} and ${memberships.programmeId} = ${programmeId}), '{}')`,
      breakGlassCaseIds: sql<
        string[]
      >`coalesce((select array_agg(${breakGlassGrants.caseId}::text) from ${breakGlassGrants}
        where ${breakGlassGrants.userId} = ${userId} and ${breakGlassGrants.programmeId} = ${programmeId}
          and ${breakGlassGrants.expiresAt} > ${now.toISOString()}::timestamptz), '{}')`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { breakGlassGrants, memberships, users } from '../../db/schema.ts';

/** The organisation of a user, or null when the user does not exist. */
export async function organisationOfUser(tx: Tx, userId: string): Promise<string | null> {
  const [user] = await tx.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, userId));
  return user?.organisationId ?? null;
}

/** The user's roles in one programme (as stored: strings the domain filters to known roles). */
export async function rolesInProgramme(tx: Tx, userId: string, programmeId: string): Promise<string[]> {
  const rows = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.programmeId, programmeId)));
  return rows.map((r) => r.role);
}

/** The cases the user opened by break-the-glass in a programme whose grant has not lapsed at `now`. */
export async function activeBreakGlassCaseIds(tx: Tx, userId: string, programmeId: string, now: Date) {
  const rows = await tx
    .select({ caseId: breakGlassGrants.caseId })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.userId, userId),
        eq(breakGlassGrants.programmeId, programmeId),
        gt(breakGlassGrants.expiresAt, now),
      ),
    );
  return rows.map((r) => r.caseId);
}

import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey, exactTimestamp } from '../../db/keyset.ts';
import { calls, cases, checklistResponses, users } from '../../db/schema.ts';

export type CallFilter = {
  from?: Date;
  to?: Date;
  callerType?: string;
  decision?: string;
  handlerId?: string;
};

/** Where a page of the call list continues: after this call's (received_at, id), newest first. */
export type CallListKey = [receivedAt: string, id: string];

/** Calls of the programme for the list: no free text, no identity, only what filtering needs. */
export async function findCalls(
  tx: Tx,
  programmeId: string,
  filter: CallFilter,
  page: { after: CallListKey | null; limit: number },
) {
  const conditions: SQL[] = [eq(calls.programmeId, programmeId)];
  if (filter.from) conditions.push(gte(calls.receivedAt, filter.from));
  if (filter.to) conditions.push(lte(calls.receivedAt, filter.to));
  if (filter.callerType) conditions.push(eq(calls.callerType, filter.callerType));
  if (filter.decision) conditions.push(eq(calls.decision, filter.decision));
  if (filter.handlerId) conditions.push(eq(calls.handlerUserId, filter.handlerId));
  if (page.after) {
    const [receivedAt, id] = page.after;
    conditions.push(
      afterKey(
        [sql`${calls.receivedAt}`, sql`${calls.id}`],
        [sql`${receivedAt}::timestamptz`, sql`${id}::uuid`],
        'desc',
      ),
    );
  }
  return tx
    .select({
      id: calls.id,
      receivedAt: calls.receivedAt,
      receivedAtExact: exactTimestamp(calls.receivedAt),
      channel: calls.channel,
      callerType: calls.callerType,
      decision: calls.decision,
      acute: calls.acute,
      handlerId: users.id,
      handlerName: users.displayName,
      caseCode: cases.code,
    })
    .from(calls)
    .innerJoin(users, eq(users.id, calls.handlerUserId))
    .leftJoin(cases, eq(cases.id, calls.caseId))
    .where(and(...conditions))
    .orderBy(desc(calls.receivedAt), desc(calls.id))
    .limit(page.limit);
}

export async function findCall(tx: Tx, programmeId: string, callId: string) {
  const [row] = await tx
    .select({ call: calls, handlerName: users.displayName, caseCode: cases.code })
    .from(calls)
    .innerJoin(users, eq(users.id, calls.handlerUserId))
    .leftJoin(cases, eq(cases.id, calls.caseId))
    .where(and(eq(calls.id, callId), eq(calls.programmeId, programmeId)));
  return row ?? null;
}

export async function checklistOfCall(tx: Tx, callId: string) {
  const [row] = await tx.select().from(checklistResponses).where(eq(checklistResponses.callId, callId));
  return row ?? null;
}

/** The active users among these, with their e-mail addresses (for telling them of a call). */
export async function activeUsersWithEmail(tx: Tx, userIds: string[]) {
  return tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.status, 'active')));
}

export async function insertCall(tx: Tx, values: typeof calls.$inferInsert): Promise<void> {
  await tx.insert(calls).values(values);
}

export async function insertChecklistResponse(tx: Tx, values: typeof checklistResponses.$inferInsert): Promise<void> {
  await tx.insert(checklistResponses).values(values);
}

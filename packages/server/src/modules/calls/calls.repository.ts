import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { calls, cases, checklistResponses, users } from '../../db/schema.ts';

export type CallFilter = {
  from?: Date;
  to?: Date;
  callerType?: string;
  decision?: string;
  handlerId?: string;
  limit: number;
};

/** Calls of the programme for the list: no free text, no identity, only what filtering needs. */
export async function findCalls(tx: Tx, programmeId: string, filter: CallFilter) {
  const conditions: SQL[] = [eq(calls.programmeId, programmeId)];
  if (filter.from) conditions.push(gte(calls.receivedAt, filter.from));
  if (filter.to) conditions.push(lte(calls.receivedAt, filter.to));
  if (filter.callerType) conditions.push(eq(calls.callerType, filter.callerType));
  if (filter.decision) conditions.push(eq(calls.decision, filter.decision));
  if (filter.handlerId) conditions.push(eq(calls.handlerUserId, filter.handlerId));
  return tx
    .select({
      id: calls.id,
      receivedAt: calls.receivedAt,
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
    .orderBy(desc(calls.receivedAt))
    .limit(filter.limit);
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

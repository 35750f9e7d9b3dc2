import { formatCaseCode, INITIAL_CASE_STATE, localDateOf } from '@utvag/domain';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseEvents, caseSequences, cases, programmes } from '../../db/schema.ts';
import type { Keys } from '../crypto/keys.ts';
import {
  caseDataKey,
  insertCaseWithIdentity,
  insertRelatedPerson,
  type IdentityInput,
  type RelatedPersonInput,
} from './case-crypto.ts';

/** Hands out the next case code of the programme and year, safely under concurrency. */
export async function nextCaseCode(tx: Tx, programmeId: string, contactAt: Date): Promise<string> {
  const [programme] = await tx
    .select({ code: programmes.code, timeZone: programmes.timeZone })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  // The year of first contact in the programme's own time zone (a call at 00:30 on New Year's Day).
  const { year } = localDateOf(contactAt, programme!.timeZone);
  const [row] = await tx
    .insert(caseSequences)
    .values({ programmeId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseSequences.programmeId, caseSequences.year],
      set: { last: sql`${caseSequences.last} + 1` },
    })
    .returning({ last: caseSequences.last });
  return formatCaseCode(programme!.code, year, row!.last);
}

export type OpenCaseInput = {
  programmeId: string;
  actorUserId: string;
  contactAt: Date;
  acute: boolean;
  identity: IdentityInput;
  relative?: RelatedPersonInput | undefined;
  teamUserIds: string[];
  ownerUserId: string;
};

/**
 * Opens a case in its first lifecycle state with a pseudonymous code, a fresh data key, the
 * person's identity encrypted under it, and relatives recorded apart from the person.
 */
export async function openCase(tx: Tx, keys: Keys, input: OpenCaseInput): Promise<{ caseId: string; code: string }> {
  const code = await nextCaseCode(tx, input.programmeId, input.contactAt);
  const { caseId } = await insertCaseWithIdentity(tx, keys, {
    programmeId: input.programmeId,
    code,
    state: INITIAL_CASE_STATE,
    identity: input.identity,
    teamUserIds: input.teamUserIds,
    ownerUserId: input.ownerUserId,
    contactAt: input.contactAt,
    acute: input.acute,
  });
  await tx.insert(caseEvents).values({
    caseId,
    programmeId: input.programmeId,
    event: 'open',
    fromState: null,
    toState: INITIAL_CASE_STATE,
    byUserId: input.actorUserId,
  });
  if (input.relative) {
    const [row] = await tx
      .select({ id: cases.id, wrappedKey: cases.wrappedKey })
      .from(cases)
      .where(eq(cases.id, caseId));
    await insertRelatedPerson(tx, caseDataKey(keys, row!), {
      caseId,
      programmeId: input.programmeId,
      person: input.relative,
    });
  }
  return { caseId, code };
}

import { formatCaseCode, INITIAL_CASE_STATE, localDateOf } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import type { Keys } from '../crypto/keys.ts';
import {
  caseDataKey,
  insertCaseWithIdentity,
  insertRelatedPerson,
  type IdentityInput,
  type RelatedPersonInput,
} from './case-crypto.ts';
import { caseKeyRow, insertCaseEvent, programmeCodeOf, takeCaseNumber } from './cases.repository.ts';

/** Hands out the next case code of the programme and year, safely under concurrency. */
export async function nextCaseCode(tx: Tx, programmeId: string, contactAt: Date): Promise<string> {
  const programme = await programmeCodeOf(tx, programmeId);
  // The year of first contact in the programme's own time zone (a call at 00:30 on New Year's Day).
  const { year } = localDateOf(contactAt, programme!.timeZone);
  const last = await takeCaseNumber(tx, programmeId, year);
  return formatCaseCode(programme!.code, year, last);
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
  await insertCaseEvent(tx, {
    caseId,
    programmeId: input.programmeId,
    event: 'open',
    fromState: null,
    toState: INITIAL_CASE_STATE,
    byUserId: input.actorUserId,
  });
  if (input.relative) {
    const row = await caseKeyRow(tx, caseId);
    await insertRelatedPerson(tx, caseDataKey(keys, row!), {
      caseId,
      programmeId: input.programmeId,
      person: input.relative,
    });
  }
  return { caseId, code };
}

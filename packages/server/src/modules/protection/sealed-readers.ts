import type { Tx } from '../../db/database.ts';
import { sealedReadersOfCases } from './protection.repository.ts';

/**
 * The users named to see the sealed link between each case's old and fictitious identity; no
 * entry when no link is recorded. The case resource carries this as `sealedReaders`.
 */
export async function sealedReadersOf(tx: Tx, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  return sealedReadersOfCases(tx, caseIds);
}

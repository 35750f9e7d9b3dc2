import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { identityLinks } from '../../db/schema.ts';

/**
 * The users named to see the sealed link between the case's old and fictitious identity; empty
 * when no link is recorded. The case resource carries this as `sealedReaders`.
 * Not filtered by programme here: callers pass a case they found in the acting programme, and
 * row-level security limits `identity_links` to that programme as well.
 */
export async function sealedReadersOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ readers: identityLinks.sealedReaderIds })
    .from(identityLinks)
    .where(eq(identityLinks.caseId, caseId));
  return [...new Set(rows.flatMap((r) => r.readers))];
}

import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { attachments } from '../../db/schema.ts';

/** The attachment's id if it is one of this case's in the programme, else null. */
export async function attachmentOfCase(tx: Tx, programmeId: string, caseId: string, attachmentId: string) {
  const [row] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(eq(attachments.id, attachmentId), eq(attachments.programmeId, programmeId), eq(attachments.caseId, caseId)),
    );
  return row ?? null;
}

export async function insertAttachment(tx: Tx, values: typeof attachments.$inferInsert): Promise<void> {
  await tx.insert(attachments).values(values);
}

/** An attachment row (name and content encrypted) scoped to the programme, or null. */
export async function findAttachment(tx: Tx, programmeId: string, attachmentId: string) {
  const [row] = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.programmeId, programmeId)));
  return row ?? null;
}

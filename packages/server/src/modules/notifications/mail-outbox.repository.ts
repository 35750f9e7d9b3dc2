import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { mailOutbox, users } from '../../db/schema.ts';

export type OutboxKind = 'case_attention' | 'break_glass';

export type QueuedMail = {
  programmeId: string;
  kind: OutboxKind;
  caseId: string;
  caseCode: string;
  recipientUserIds: string[];
};

/** Queues one mail per recipient in the caller's transaction: it exists exactly when that commits. */
export async function insertOutboxMails(tx: Tx, mail: QueuedMail): Promise<void> {
  const recipients = [...new Set(mail.recipientUserIds)];
  if (recipients.length === 0) return;
  await tx.insert(mailOutbox).values(
    recipients.map((recipientUserId) => ({
      programmeId: mail.programmeId,
      kind: mail.kind,
      caseId: mail.caseId,
      caseCode: mail.caseCode,
      recipientUserId,
    })),
  );
}

export type DueMail = {
  id: string;
  kind: string;
  caseId: string;
  caseCode: string;
  attempts: number;
  createdAt: Date;
  /** The recipient's address now, or null when they have none or are no longer active. */
  email: string | null;
};

/**
 * Claims up to `limit` due mails for this transaction. FOR UPDATE SKIP LOCKED: another instance's
 * sender passes over the rows this one holds and takes the next, so each mail is sent by one
 * instance, and a sender that dies mid-send releases its rows with its connection.
 */
export async function claimDueMails(tx: Tx, now: Date, limit: number): Promise<DueMail[]> {
  const claimed = await tx
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      caseId: mailOutbox.caseId,
      caseCode: mailOutbox.caseCode,
      attempts: mailOutbox.attempts,
      createdAt: mailOutbox.createdAt,
      recipientUserId: mailOutbox.recipientUserId,
    })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.abandonedAt), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  if (claimed.length === 0) return [];
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        inArray(
          users.id,
          claimed.map((c) => c.recipientUserId),
        ),
        eq(users.status, 'active'),
        isNotNull(users.email),
      ),
    );
  const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
  return claimed.map(({ recipientUserId, ...mail }) => ({ ...mail, email: emailOf.get(recipientUserId) ?? null }));
}

export async function markMailSent(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(mailOutbox).set({ sentAt: now, lastError: null }).where(eq(mailOutbox.id, id));
}

export async function markMailRetry(tx: Tx, id: string, nextAttemptAt: Date, error: string): Promise<void> {
  await tx
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt, lastError: error })
    .where(eq(mailOutbox.id, id));
}

export async function markMailAbandoned(tx: Tx, id: string, now: Date, reason: string): Promise<void> {
  await tx.update(mailOutbox).set({ abandonedAt: now, lastError: reason }).where(eq(mailOutbox.id, id));
}

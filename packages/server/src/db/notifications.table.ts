import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { cases, programmes, users } from './core.table.ts';

/**
 * Staff e-mails waiting to go out (a transactional outbox). A row is written in the same
 * transaction as what it tells of (the call taken further, the glass broken), so a crash, a
 * restart or an SMTP outage never loses the message; every instance's sender claims due rows with
 * FOR UPDATE SKIP LOCKED, so each is sent by one instance. SECURITY: no personal data — the
 * recipient is a user id (the address is read when sending, so a deactivated user gets nothing),
 * the case only by id and pseudonymous code; the text is composed when sent.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** Which message: 'case_attention' | 'break_glass' (see notifications/mail-outbox.ts). */
    kind: text('kind').notNull(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    caseCode: text('case_code').notNull(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set when the sender gave up (no address any more, or retried for a whole day). */
    abandonedAt: timestamp('abandoned_at', { withTimezone: true }),
    /** The last failure's error name only (never the SMTP server's text, which may quote the address). */
    lastError: text('last_error'),
  },
  (t) => [
    index('mail_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`sent_at is null and abandoned_at is null`),
  ],
);

import { withTransaction, type Tx } from '../../db/database.ts';
import { startPeriodicJob } from '../../periodic-job.ts';
import type { AppDeps } from '../../service-context.ts';
import { breakGlassMail, caseAttentionMail } from './case-attention.ts';
import {
  claimDueMails,
  insertOutboxMails,
  markMailAbandoned,
  markMailRetry,
  markMailSent,
  type DueMail,
  type QueuedMail,
} from './mail-outbox.repository.ts';

export type { OutboxKind } from './mail-outbox.repository.ts';

/** How long the sender keeps retrying a mail the SMTP server will not take. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
const BATCH = 20;

/** The wait before attempt `n + 1`: 10 s, 20 s, 40 s … at most 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15 * 60_000, 10_000 * 2 ** Math.min(attempts, 10));
}

/**
 * Queues a staff e-mail in the caller's transaction (a call taken further, a broken glass): it is
 * sent when, and only when, that transaction commits, by whichever instance's sender claims it.
 * Without SMTP configured nothing is queued (as before: no mail, said once at start).
 */
export async function queueStaffMail(tx: Tx, deps: Pick<AppDeps, 'mailer'>, mail: QueuedMail): Promise<void> {
  if (!deps.mailer.configured) return;
  await insertOutboxMails(tx, mail);
}

type Log = {
  warn: (o: object, m: string) => void;
  error: (o: object, m: string) => void;
  info: (o: object, m: string) => void;
};

function render(deps: Pick<AppDeps, 'config'>, mail: DueMail) {
  const ref = { caseId: mail.caseId, code: mail.caseCode };
  return mail.kind === 'break_glass' ? breakGlassMail(deps, ref) : caseAttentionMail(deps, ref);
}

/**
 * One pass of the sender: claims due mails (SKIP LOCKED) and sends them inside the claiming
 * transaction, so a row is marked sent in the same transaction that held it. If the process dies
 * after the SMTP server took a mail but before the commit, that one mail goes out twice: at least
 * once, never lost. Returns how many were handled.
 */
export async function sendDueMails(
  deps: Pick<AppDeps, 'config' | 'database' | 'mailer'>,
  log: Log,
  now = () => new Date(),
) {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const due = await claimDueMails(tx, now(), BATCH);
    for (const mail of due) {
      const at = now();
      // SECURITY: the log names the outbox row and the case id, never the address.
      if (!mail.email) {
        await markMailAbandoned(tx, mail.id, at, 'no_address');
        log.warn(
          { outboxId: mail.id, caseId: mail.caseId },
          'staff mail dropped: the recipient has no address or is no longer active',
        );
        continue;
      }
      try {
        await deps.mailer.send({ to: mail.email, ...render(deps, mail) });
        await markMailSent(tx, mail.id, at);
      } catch (error) {
        const name = (error as Error).name || 'Error';
        if (at.getTime() - mail.createdAt.getTime() >= GIVE_UP_AFTER_MS) {
          await markMailAbandoned(tx, mail.id, at, name);
          log.error(
            { outboxId: mail.id, caseId: mail.caseId, err: name },
            'staff mail abandoned after a day of failures',
          );
        } else {
          await markMailRetry(tx, mail.id, new Date(at.getTime() + retryDelayMs(mail.attempts)), name);
          log.warn(
            { outboxId: mail.id, caseId: mail.caseId, err: name, attempt: mail.attempts + 1 },
            'staff mail failed; will retry',
          );
        }
      }
    }
    return due.length;
  });
}

/** Runs the sender on this instance every `intervalMs` until stopped; every instance runs one. */
export function startMailOutbox(
  deps: Pick<AppDeps, 'config' | 'database' | 'mailer'>,
  log: Log,
  intervalMs = 1000,
): { stop: () => Promise<void> } {
  if (!deps.mailer.configured) return { stop: async () => {} };
  const job = startPeriodicJob('the mail outbox', intervalMs, log, async (stopping) => {
    while (!stopping() && (await sendDueMails(deps, log)) === BATCH);
  });
  return { stop: job.stop };
}

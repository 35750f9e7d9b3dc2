import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../service-context.ts';
import type { CaseAttention } from '../calls/calls.service.ts';

/**
 * Tells the on-duty coordinators by e-mail that a case needs attention. SECURITY: the message
 * holds the pseudonymous case code and a link — no name, no personnummer, nothing of the call.
 */
export function caseAttentionMail(deps: AppDeps, attention: Pick<CaseAttention, 'caseId' | 'code'>) {
  const link = new URL(`/cases/${attention.caseId}`, deps.config.publicUrl).toString();
  return {
    subject: `Utväg: ärende ${attention.code} behöver uppmärksamhet / case ${attention.code} needs attention`,
    text: [
      `Ärende ${attention.code} behöver uppmärksamhet: ett samtal har tagits vidare och ett första möte ska hållas i dag.`,
      `Öppna ärendet: ${link}`,
      '',
      `Case ${attention.code} needs attention: a call was taken further and a first meeting is due today.`,
      `Open the case: ${link}`,
      '',
      'Meddelandet innehåller inga personuppgifter. / This message contains no personal data.',
    ].join('\n'),
  };
}

/** Sends the mail to each recipient; a failure is logged (without addresses) and does not undo the call. */
export async function sendCaseAttentionMail(
  deps: AppDeps,
  attention: CaseAttention,
  log: FastifyBaseLogger,
): Promise<void> {
  const mail = caseAttentionMail(deps, attention);
  for (const to of attention.emails) {
    try {
      await deps.mailer.send({ to, ...mail });
    } catch (error) {
      log.error({ caseId: attention.caseId, err: (error as Error).name }, 'case-attention mail failed');
    }
  }
}

/** Tells a case's owner and the auditors that someone opened the case by break-the-glass. No personal data. */
export async function sendBreakGlassMail(
  deps: AppDeps,
  notice: { caseId: string; code: string; emails: string[] },
  log: FastifyBaseLogger,
): Promise<void> {
  const link = new URL(`/cases/${notice.caseId}`, deps.config.publicUrl).toString();
  const mail = {
    subject: `Utväg: nödåtkomst till ärende ${notice.code} / emergency access to case ${notice.code}`,
    text: [
      `Någon utanför ärendets team har öppnat ärende ${notice.code} med nödåtkomst och angett ett skäl. Se loggen.`,
      `Ärendet: ${link}`,
      '',
      `Someone outside the team opened case ${notice.code} with emergency access and stated a reason. See the log.`,
      '',
      'Meddelandet innehåller inga personuppgifter. / This message contains no personal data.',
    ].join('\n'),
  };
  for (const to of notice.emails) {
    try {
      await deps.mailer.send({ to, ...mail });
    } catch (error) {
      log.error({ caseId: notice.caseId, err: (error as Error).name }, 'break-glass mail failed');
    }
  }
}

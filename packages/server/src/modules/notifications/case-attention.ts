import type { AppDeps } from '../../service-context.ts';

// The texts of the staff e-mails the outbox sends (mail-outbox.ts). SECURITY: each holds the
// pseudonymous case code and a link — no name, no personnummer, nothing of the call.

type CaseRef = { caseId: string; code: string };

/** Tells an on-duty coordinator that a call was taken further and the case needs attention. */
export function caseAttentionMail(deps: Pick<AppDeps, 'config'>, attention: CaseRef) {
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

/** Tells a case's owner and the auditors that someone opened the case by break-the-glass. */
export function breakGlassMail(deps: Pick<AppDeps, 'config'>, notice: CaseRef) {
  const link = new URL(`/cases/${notice.caseId}`, deps.config.publicUrl).toString();
  return {
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
}

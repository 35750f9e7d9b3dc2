import {
  AppError,
  ASSESSMENT_VALIDATION_MESSAGES,
  isAssessmentValidationCode,
  type AssessmentIssue,
  type FieldMessage,
} from '@utvag/domain';
import type { z } from 'zod';
import { describeIssue, type Bilingual } from '../../http/validation-messages.ts';

/**
 * Faults the server finds that the domain has no code for (they need the database to decide).
 * Same shape as the domain's assessment codes: `validation.<code>` with Swedish and English text.
 */
export const SERVER_ASSESSMENT_MESSAGES = {
  attachment_required: {
    sv: 'Ett undertecknat samtycke kräver den inskannade blanketten: ladda upp den först.',
    en: 'A signed consent needs the scanned form: upload it first.',
  },
  unknown_attachment: {
    sv: 'Bilagan finns inte i det här ärendet.',
    en: 'The attachment does not belong to this case.',
  },
  unknown_participant: {
    sv: 'Deltagaren är inte medarbetare i programmet.',
    en: 'The participant is not a member of staff in the programme.',
  },
  unknown_meeting: {
    sv: 'Mötet hör inte till det här ärendet.',
    en: 'The meeting does not belong to this case.',
  },
  content_type_mismatch: {
    sv: 'Filens innehåll stämmer inte med filtypen. Endast PDF, PNG och JPEG tas emot.',
    en: "The file's content does not match its type. Only PDF, PNG and JPEG are accepted.",
  },
  file_too_large: {
    sv: 'Filen är för stor (högst 5 MB).',
    en: 'The file is too large (5 MB at most).',
  },
} as const satisfies Record<string, Bilingual>;

export type ServerAssessmentCode = keyof typeof SERVER_ASSESSMENT_MESSAGES;

/** One fault to report: where, and a domain or server code. */
export type AssessmentFault = { path: string; code: AssessmentIssue['code'] | ServerAssessmentCode };

function fieldMessage(fault: AssessmentFault): FieldMessage {
  const messages = isAssessmentValidationCode(fault.code)
    ? ASSESSMENT_VALIDATION_MESSAGES[fault.code]
    : SERVER_ASSESSMENT_MESSAGES[fault.code];
  return { path: fault.path, messageKey: `validation.${fault.code}`, messages };
}

/**
 * The 422 for faults found by a pure domain check or by the server. With one fault the error's
 * own message and key are that fault's, so a notice such as `under_age_refer_to_social_services`
 * reaches the person as it is written.
 */
export function assessmentFaults(faults: readonly AssessmentFault[]): AppError {
  const fieldMessages = faults.map(fieldMessage);
  const only = faults.length === 1 ? fieldMessages[0] : undefined;
  return new AppError('validation', {
    ...(only ? { message: only.messages.en, messageKey: only.messageKey } : { messageKey: 'errors.validation' }),
    fieldMessages,
  });
}

/** Validates with a domain schema; the domain's assessment codes come back with their own texts. */
export function parseAssessment<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      if (isAssessmentValidationCode(issue.message)) return fieldMessage({ path, code: issue.message });
      return { path, ...describeIssue(issue.code, issue.message) };
    }),
  });
}

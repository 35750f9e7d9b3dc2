import {
  AppError,
  ASSESSMENT_VALIDATION_MESSAGES,
  CALL_VALIDATION_CODES,
  CALL_VALIDATION_MESSAGES,
  EDGE_VALIDATION_MESSAGES,
  isEdgeValidationCode,
  isAssessmentValidationCode,
  type AssessmentValidationCode,
  type CallValidationCode,
  type EdgeValidationCode,
  type FieldMessage,
  type ValidationMessageKey,
} from '@utvag/domain';

// The one place a validation fault becomes what the web app shows: a message key
// `validation.<code>` and the text in Swedish and English. The codes and their texts are the
// domain's (calls, assessment and protection, and the edge rules); zod's own issue codes get generic texts.

export type Bilingual = { sv: string; en: string };

/** What a schema check's failure tells a person, in Swedish and English, by zod issue code. */
const BY_ISSUE_CODE: Record<string, Bilingual> = {
  invalid_type: { sv: 'Uppgiften saknas eller har fel form.', en: 'The value is missing or has the wrong form.' },
  too_small: { sv: 'Uppgiften är för kort eller för liten.', en: 'The value is too short or too small.' },
  too_big: { sv: 'Uppgiften är för lång eller för stor.', en: 'The value is too long or too large.' },
  invalid_format: { sv: 'Uppgiften har fel format.', en: 'The value has the wrong format.' },
  invalid_value: { sv: 'Värdet är inte ett av de tillåtna.', en: 'The value is not one of those allowed.' },
  unrecognized_keys: { sv: 'Okända fält skickades med.', en: 'Unknown fields were sent.' },
  invalid_union: { sv: 'Uppgiften har fel form.', en: 'The value has the wrong form.' },
};

const isCallValidationCode = (x: string): x is CallValidationCode =>
  (CALL_VALIDATION_CODES as readonly string[]).includes(x);

const FALLBACK: Bilingual = { sv: 'Uppgiften är inte giltig.', en: 'The value is not valid.' };

/** A code the domain defines, with its own texts. */
export type ValidationCode = CallValidationCode | AssessmentValidationCode | EdgeValidationCode;

/** The texts of a domain code, or undefined for anything else (a zod message, free text). */
function domainMessages(code: string | undefined): Bilingual | undefined {
  if (code === undefined) return undefined;
  if (isCallValidationCode(code)) return CALL_VALIDATION_MESSAGES[code];
  if (isAssessmentValidationCode(code)) return ASSESSMENT_VALIDATION_MESSAGES[code];
  if (isEdgeValidationCode(code)) return EDGE_VALIDATION_MESSAGES[code];
  return undefined;
}

/**
 * A field error as the web app shows it: a message key, and the text in both languages. Codes
 * the domain defines (e.g. `anonymous_no_identity`, `review_date_in_past`) carry their own texts;
 * anything else is told by the kind of issue.
 */
export function describeIssue(
  keyword: string,
  message: string | undefined,
): { messageKey: ValidationMessageKey; messages: Bilingual } {
  const own = domainMessages(message);
  if (own) return { messageKey: `validation.${message}`, messages: own };
  return { messageKey: `validation.${keyword}`, messages: BY_ISSUE_CODE[keyword] ?? FALLBACK };
}

/** One fault found by a check (the domain's pure checks, or the server's own): where, and which code. */
export type ValidationFault = { path: string; code: ValidationCode };

function fieldMessage(fault: ValidationFault): FieldMessage {
  return { path: fault.path, ...describeIssue('custom', fault.code) };
}

/**
 * The 422 for faults found by a check rather than a schema. With one fault the error's own
 * message and key are that fault's, so a notice such as `under_age_refer_to_social_services`
 * reaches the person as it is written.
 */
export function validationFaults(faults: readonly ValidationFault[]): AppError {
  const fieldMessages = faults.map(fieldMessage);
  const only = fieldMessages.length === 1 ? fieldMessages[0] : undefined;
  return new AppError('validation', {
    ...(only ? { message: only.messages.en, messageKey: only.messageKey } : { messageKey: 'errors.validation' }),
    fieldMessages,
  });
}

/** The 422 for one fault at one field. */
export function validationFault(path: string, code: ValidationCode): AppError {
  return validationFaults([{ path, code }]);
}

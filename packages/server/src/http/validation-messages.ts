import { AppError, CALL_VALIDATION_CODES, CALL_VALIDATION_MESSAGES, type CallValidationCode } from '@utvag/domain';
import type { z } from 'zod';

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

/**
 * A field error as the web app shows it: a message key, and the text in both languages. Codes
 * the domain defines (e.g. `anonymous_no_identity`) carry their own texts.
 */
export function describeIssue(
  keyword: string,
  message: string | undefined,
): { messageKey: string; messages: Bilingual } {
  if (message && isCallValidationCode(message)) {
    return { messageKey: `validation.${message}`, messages: CALL_VALIDATION_MESSAGES[message] };
  }
  return { messageKey: `validation.${keyword}`, messages: BY_ISSUE_CODE[keyword] ?? FALLBACK };
}

/** Validates with a schema made at request time; faults become the same 422 as route schemas give. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      ...describeIssue(issue.code, issue.message),
    })),
  });
}

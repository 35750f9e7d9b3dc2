import {
  AppError,
  ASSESSMENT_VALIDATION_MESSAGES,
  isAssessmentValidationCode,
  type AssessmentIssue,
} from '@utvag/domain';
import type { z } from 'zod';
import { describeIssue } from '../../http/validation-messages.ts';

/**
 * Faults of the risk and threat-actor routes that the domain has no code for (yet).
 * TODO(domain): move to ASSESSMENT_VALIDATION_CODES.
 */
export const LOCAL_FAULTS = {
  occurred_in_future: {
    sv: 'Händelsen kan inte ha inträffat i framtiden.',
    en: 'The incident cannot have happened in the future.',
  },
  unknown_instrument: {
    sv: 'Instrumentet eller den versionen finns inte i programmet.',
    en: 'The instrument or that version does not exist in the programme.',
  },
  municipality_required: {
    sv: 'Ange kommunen som placeringen gäller.',
    en: 'Give the municipality the placement is in.',
  },
  unknown_previous_analysis: {
    sv: 'Den tidigare analysen finns inte i det här ärendet.',
    en: 'The previous analysis is not in this case.',
  },
} as const;
export type LocalFault = keyof typeof LOCAL_FAULTS;

const isLocalFault = (x: string): x is LocalFault => Object.hasOwn(LOCAL_FAULTS, x);

/** A 422 for one fault of `LOCAL_FAULTS` at `path`. */
export function localFault(path: string, code: LocalFault): AppError {
  return new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: [{ path, messageKey: `validation.${code}`, messages: LOCAL_FAULTS[code] }],
  });
}

/** A 422 carrying the domain's assessment faults, each with its text in Swedish and English. */
export function assessmentFaults(issues: readonly AssessmentIssue[]): AppError {
  return new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: issues.map((issue) => ({
      path: issue.path,
      messageKey: `validation.${issue.code}`,
      messages: ASSESSMENT_VALIDATION_MESSAGES[issue.code],
    })),
  });
}

/**
 * Validates with a schema; a zod issue whose message is an assessment code (e.g.
 * `review_date_in_past`) carries that code's texts, others the generic ones.
 */
export function parseAssessmentOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      if (isAssessmentValidationCode(issue.message)) {
        return {
          path,
          messageKey: `validation.${issue.message}`,
          messages: ASSESSMENT_VALIDATION_MESSAGES[issue.message],
        };
      }
      if (isLocalFault(issue.message)) {
        return { path, messageKey: `validation.${issue.message}`, messages: LOCAL_FAULTS[issue.message] };
      }
      return { path, ...describeIssue(issue.code, issue.message) };
    }),
  });
}

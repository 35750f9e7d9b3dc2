import { AppError } from '@utvag/domain';
import type { z } from 'zod';
import { describeIssue, type Bilingual } from '../../http/validation-messages.ts';

// STOPGAP: the texts of the domain's protection codes (packages/domain assessment-validation.ts,
// not yet exported from @utvag/domain) plus the two codes only this module uses. Once the domain
// exports ASSESSMENT_VALIDATION_MESSAGES and `describeIssue` knows them, this file goes.
const MESSAGES: Readonly<Record<string, Bilingual>> = {
  ivo_permit_required: {
    sv: 'En privat utförare av skyddat boende behöver tillstånd från IVO: ange tillståndsnumret.',
    en: 'A private provider of protected housing needs a permit from IVO: give the permit number.',
  },
  ivo_permit_not_allowed: {
    sv: 'IVO-tillstånd anges bara för en privat utförare.',
    en: 'An IVO permit is given only for a private provider.',
  },
  placement_ends_before_start: {
    sv: 'Placeringen kan inte sluta innan den börjar.',
    en: 'The placement cannot end before it starts.',
  },
  cost_negative: { sv: 'Kostnaden per dygn kan inte vara negativ.', en: 'The cost per day cannot be negative.' },
  wrong_deciding_authority: {
    sv: 'Fel beslutande myndighet: Skatteverket beslutar om sekretessmarkering och skyddad folkbokföring, Polismyndigheten om fingerade personuppgifter.',
    en: 'Wrong deciding authority: the Tax Agency decides on confidentiality marking and protected registration, the Police on fictitious identity.',
  },
  decided_on_required: {
    sv: 'Ange beslutsdatum för ett beviljat eller avslaget ärende.',
    en: 'Give the decision date of a granted or refused application.',
  },
  decided_on_not_allowed: {
    sv: 'Beslutsdatum anges först när beslut har fattats.',
    en: 'A decision date is given only once a decision has been made.',
  },
  decided_before_applied: {
    sv: 'Beslutet kan inte vara fattat före ansökan.',
    en: 'The decision cannot predate the application.',
  },
  measure_ends_before_start: {
    sv: 'Åtgärden kan inte sluta innan den börjar.',
    en: 'The measure cannot end before it starts.',
  },
  measure_description_required: { sv: 'Beskriv åtgärden.', en: 'Describe the measure.' },
  nothing_to_change: { sv: 'Ange status eller slutdatum.', en: 'Give a status or an end date.' },
  not_a_programme_coordinator: {
    sv: 'Bara samordnare i programmet kan utses att se kopplingen.',
    en: 'Only coordinators of the programme can be named to see the link.',
  },
  reason_contains_secret: {
    sv: 'Skriv skälet utan själva uppgiften: skälet sparas i loggen och läses av granskare.',
    en: 'Write the reason without the information itself: the reason is kept in the log and read by auditors.',
  },
};

/** A 422 for one field with one of this module's codes. */
export function protectionValidationError(path: string, code: keyof typeof MESSAGES): AppError {
  return new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: [{ path, messageKey: `validation.${code}`, messages: MESSAGES[code]! }],
  });
}

/**
 * Validates input against a protection schema; every fault is told in Swedish and English, and
 * the protection codes carry their own texts. Input values are never echoed back.
 */
export function parseProtectionInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation', {
    messageKey: 'errors.validation',
    fieldMessages: result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      const own = issue.code === 'custom' ? MESSAGES[issue.message] : undefined;
      return own
        ? { path, messageKey: `validation.${issue.message}`, messages: own }
        : { path, ...describeIssue(issue.code, issue.message) };
    }),
  });
}

import { z } from 'zod';
import { addIssue, isoDate, localIsoDate, optionalText, requiredText } from './assessment-schema-parts.ts';
import type { AssessmentIssue } from './assessment-validation.ts';
import { transition, type CaseEvent, type CaseState, type CaseTransitionResult } from './case-lifecycle.ts';
import { instrumentKeySchema, type BilingualText } from './instruments/instrument.schema.ts';
import { deepFreeze } from './instruments/builtin/deep-freeze.ts';

/** How a criterion is answered: met or not, or by age from a date of birth. */
export const ELIGIBILITY_CRITERION_KINDS = ['boolean', 'age'] as const;

/** How a criterion is answered. */
export type EligibilityCriterionKind = (typeof ELIGIBILITY_CRITERION_KINDS)[number];

/** One eligibility criterion, a programme setting. */
export type EligibilityCriterion = {
  id: string;
  label: BilingualText;
  kind: EligibilityCriterionKind;
  /** For 'age': the lowest age admitted. */
  minAge?: number;
};

/** A programme's eligibility criteria. */
export type EligibilitySettings = { criteria: readonly EligibilityCriterion[] };

/** The age of majority: a younger person is the responsibility of social services, whatever the programme admits. */
export const LEGAL_ADULT_AGE = 18;

/**
 * The criteria a programme starts with (the Stockholm police model): adult, motivated, at risk
 * of being punished by the group for leaving, not a protected witness, support decided.
 */
export const DEFAULT_ELIGIBILITY_SETTINGS: EligibilitySettings = deepFreeze({
  criteria: [
    {
      id: 'adult',
      label: { sv: 'Personen är 18 år eller äldre', en: 'The person is 18 or older' },
      kind: 'age',
      minAge: LEGAL_ADULT_AGE,
    },
    {
      id: 'motivated',
      label: { sv: 'Personen är motiverad att lämna', en: 'The person is motivated to leave' },
      kind: 'boolean',
    },
    {
      id: 'risk_of_punishment',
      label: {
        sv: 'Personen riskerar att straffas av gruppen för att lämna',
        en: 'The person risks being punished by the group for leaving',
      },
      kind: 'boolean',
    },
    {
      id: 'not_protected_witness',
      label: { sv: 'Personen är inte ett skyddat vittne', en: 'The person is not a protected witness' },
      kind: 'boolean',
    },
    {
      id: 'support_decided',
      label: {
        sv: 'Socialtjänsten har beslutat om stöd',
        en: 'Social services have decided on support',
      },
      kind: 'boolean',
    },
  ],
});

/** The body of a programme's eligibility settings: unique ids; a minimum age on, and only on, age criteria. */
export const eligibilitySettingsBody = z
  .object({
    criteria: z
      .array(
        z.object({
          id: instrumentKeySchema,
          label: z.object({ sv: requiredText(300), en: requiredText(300) }),
          kind: z.enum(ELIGIBILITY_CRITERION_KINDS),
          minAge: z.number().int().min(0).max(120).optional(),
        }),
      )
      .min(1)
      .max(30),
  })
  .superRefine((settings, ctx) => {
    const ids = settings.criteria.map((c) => c.id);
    settings.criteria.forEach((criterion, i) => {
      if (ids.indexOf(criterion.id) !== i) addIssue(ctx, 'duplicate_criterion_id', ['criteria', i, 'id']);
      if (criterion.kind === 'age' && criterion.minAge === undefined) {
        addIssue(ctx, 'min_age_required', ['criteria', i, 'minAge']);
      }
      if (criterion.kind !== 'age' && criterion.minAge !== undefined) {
        addIssue(ctx, 'min_age_not_allowed', ['criteria', i, 'minAge']);
      }
    });
  });

/** The decisions an eligibility assessment can end in. */
export const ELIGIBILITY_OUTCOMES = ['admitted', 'declined', 'referred'] as const;

/** The decision of an eligibility assessment. */
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];

/** The lifecycle event each outcome applies to the case. */
export const ELIGIBILITY_OUTCOME_EVENT = {
  admitted: 'admit',
  declined: 'decline',
  referred: 'refer',
} as const satisfies Readonly<Record<EligibilityOutcome, CaseEvent>>;

/** Applies a decision's outcome to the case's state; only transitions the state machine allows succeed. */
export function eligibilityTransition(state: CaseState, outcome: EligibilityOutcome): CaseTransitionResult {
  return transition(state, ELIGIBILITY_OUTCOME_EVENT[outcome]);
}

/** Where a person not admitted is sent. */
export const REFERRAL_KINDS = ['social_services', 'other'] as const;

/** Where a person not admitted is sent. */
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** One criterion answered: met or not, and why (always written). */
export type EligibilityAnswer = { met: boolean; grounds: string };

/**
 * The body of an eligibility decision: every criterion answered with its grounds, the outcome,
 * the reasoning, and where a person not admitted is referred. Checked against the programme's
 * criteria by `checkEligibilityDecision`.
 */
export const eligibilityDecisionBody = z
  .object({
    answers: z.record(instrumentKeySchema, z.object({ met: z.boolean(), grounds: requiredText(4000) })),
    outcome: z.enum(ELIGIBILITY_OUTCOMES),
    reasoning: requiredText(8000),
    referredTo: z
      .object({ kind: z.enum(REFERRAL_KINDS), organisationName: requiredText(200), note: optionalText(2000) })
      .optional(),
    /** From the established identity, when known; decides age criteria. */
    birthDate: isoDate.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.outcome !== 'admitted' && body.referredTo === undefined) {
      addIssue(ctx, 'referred_to_required', ['referredTo']);
    }
    if (body.outcome === 'admitted' && body.referredTo !== undefined) {
      addIssue(ctx, 'referred_to_not_allowed', ['referredTo']);
    }
  });

/** The body of an eligibility decision, as validated. */
export type EligibilityDecisionBody = z.output<typeof eligibilityDecisionBody>;

/** What the answers show. */
export type EligibilityEvaluation = {
  /** Every criterion answered and met. */
  allMet: boolean;
  /** Criteria not met or not answered, in settings order. */
  unmet: string[];
  /** Under 18: routed to social services, never simply refused. */
  underAge: boolean;
};

/**
 * Age in whole years on the local date `onDate` (both `YYYY-MM-DD`). Someone born on 29 February
 * has their birthday on 1 March in other years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

function answerOf(answers: Readonly<Record<string, EligibilityAnswer>>, id: string): EligibilityAnswer | undefined {
  // SECURITY: criterion ids such as 'constructor' must not read inherited properties.
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/**
 * Evaluates the answers against the criteria at `at`. An age criterion is decided by the date of
 * birth when it is known (the answer cannot override it), otherwise by the answer.
 * A person is under age when younger than 18 by date of birth, or, without one, when an age
 * criterion of 18 or lower is answered not met.
 */
export function evaluateEligibility(
  settings: EligibilitySettings,
  answers: Readonly<Record<string, EligibilityAnswer>>,
  birthDate: string | undefined,
  at: Date,
): EligibilityEvaluation {
  const age = birthDate === undefined ? null : ageOn(birthDate, localIsoDate(at));
  const unmet: string[] = [];
  let underAge = age !== null && age < LEGAL_ADULT_AGE;
  for (const criterion of settings.criteria) {
    const answer = answerOf(answers, criterion.id);
    if (criterion.kind === 'age') {
      const minAge = criterion.minAge ?? LEGAL_ADULT_AGE;
      const met = age !== null ? age >= minAge : answer?.met === true;
      if (!met) unmet.push(criterion.id);
      if (age === null && answer?.met === false && minAge <= LEGAL_ADULT_AGE) underAge = true;
    } else if (answer?.met !== true) {
      unmet.push(criterion.id);
    }
  }
  return { allMet: unmet.length === 0, unmet, underAge };
}

/**
 * Checks a decision against the programme's criteria at `at`: every criterion answered and none
 * unknown; an admission only when every criterion is met; a person under 18 referred to social
 * services (with the bilingual notice `under_age_refer_to_social_services`), never declined.
 */
export function checkEligibilityDecision(
  settings: EligibilitySettings,
  body: EligibilityDecisionBody,
  at: Date,
): AssessmentIssue[] {
  const issues: AssessmentIssue[] = [];
  const ids = new Set(settings.criteria.map((c) => c.id));
  for (const key of Object.keys(body.answers)) {
    if (!ids.has(key)) issues.push({ path: `answers.${key}`, code: 'unknown_criterion' });
  }
  for (const criterion of settings.criteria) {
    if (answerOf(body.answers, criterion.id) === undefined) {
      issues.push({ path: `answers.${criterion.id}`, code: 'criterion_answer_missing' });
    }
  }
  if (body.birthDate !== undefined && body.birthDate > localIsoDate(at)) {
    return [...issues, { path: 'birthDate', code: 'birth_date_in_future' }];
  }
  const evaluation = evaluateEligibility(settings, body.answers, body.birthDate, at);
  if (evaluation.underAge) {
    // SECURITY: a child at risk is never simply turned away; social services carry the responsibility.
    if (body.outcome !== 'referred' || body.referredTo?.kind !== 'social_services') {
      issues.push({ path: 'outcome', code: 'under_age_refer_to_social_services' });
    }
  } else if (body.outcome === 'admitted' && !evaluation.allMet) {
    issues.push({ path: 'outcome', code: 'admitted_with_unmet_criteria' });
  }
  return issues;
}

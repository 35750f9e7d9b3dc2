import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_VALIDATION_MESSAGES } from './assessment-validation.ts';
import {
  ageOn,
  checkEligibilityDecision,
  DEFAULT_ELIGIBILITY_SETTINGS,
  ELIGIBILITY_OUTCOME_EVENT,
  eligibilityDecisionBody,
  eligibilitySettingsBody,
  eligibilityTransition,
  evaluateEligibility,
  type EligibilityAnswer,
} from './eligibility.ts';

const AT = new Date('2026-03-16T09:00:00Z');
const yes = (grounds = 'Samtal 2026-03-10') => ({ met: true, grounds });
const no = (grounds = 'Samtal 2026-03-10') => ({ met: false, grounds });
const ALL_MET: Record<string, EligibilityAnswer> = {
  adult: yes(),
  motivated: yes(),
  risk_of_punishment: yes(),
  not_protected_witness: yes(),
  support_decided: yes(),
};

function decision(overrides: Record<string, unknown> = {}) {
  return eligibilityDecisionBody.parse({
    answers: ALL_MET,
    outcome: 'admitted',
    reasoning: 'Alla kriterier uppfyllda.',
    ...overrides,
  });
}

describe('the default criteria', () => {
  it('are the five of the brief, in order, with 18 as the minimum age', () => {
    expect(DEFAULT_ELIGIBILITY_SETTINGS.criteria.map((c) => `${c.id}:${c.kind}${c.minAge ?? ''}`)).toEqual([
      'adult:age18',
      'motivated:boolean',
      'risk_of_punishment:boolean',
      'not_protected_witness:boolean',
      'support_decided:boolean',
    ]);
  });

  it('are valid settings', () => {
    expect(eligibilitySettingsBody.safeParse(DEFAULT_ELIGIBILITY_SETTINGS).success).toBe(true);
  });
});

describe('eligibilitySettingsBody', () => {
  const criterion = { id: 'x', label: { sv: 'X', en: 'X' }, kind: 'boolean' };
  const codes = (input: unknown) => {
    const result = eligibilitySettingsBody.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  };

  it('rejects duplicate ids, an age criterion without a minimum age, and a minimum age elsewhere', () => {
    expect(codes({ criteria: [criterion, criterion] })).toEqual(['criteria.1.id duplicate_criterion_id']);
    expect(codes({ criteria: [{ ...criterion, kind: 'age' }] })).toEqual(['criteria.0.minAge min_age_required']);
    expect(codes({ criteria: [{ ...criterion, minAge: 18 }] })).toEqual(['criteria.0.minAge min_age_not_allowed']);
    expect(codes({ criteria: [] })).toHaveLength(1);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-03-16', '2026-03-16', 18],
    ['2008-03-17', '2026-03-16', 17],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-29', 20],
    ['1990-12-31', '2026-01-01', 35],
  ])('born %s is on %s aged %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('grows by exactly one on each birthday (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1940, max: 2020 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 80 }),
        (y, m, d, years) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          expect(ageOn(`${y}-${pad(m)}-${pad(d)}`, `${y + years}-${pad(m)}-${pad(d)}`)).toBe(years);
        },
      ),
    );
  });
});

describe('evaluateEligibility', () => {
  it('is all met when every criterion is answered yes and the person is adult', () => {
    expect(evaluateEligibility(DEFAULT_ELIGIBILITY_SETTINGS, ALL_MET, '1995-05-05', AT)).toEqual({
      allMet: true,
      unmet: [],
      underAge: false,
    });
  });

  it('lists unmet and unanswered criteria in settings order', () => {
    const { motivated: _m, ...rest } = ALL_MET;
    expect(
      evaluateEligibility(DEFAULT_ELIGIBILITY_SETTINGS, { ...rest, support_decided: no() }, undefined, AT).unmet,
    ).toEqual(['motivated', 'support_decided']);
  });

  it('decides age by the date of birth, which an answer cannot override', () => {
    const evaluation = evaluateEligibility(DEFAULT_ELIGIBILITY_SETTINGS, ALL_MET, '2009-01-01', AT);
    expect(evaluation).toEqual({ allMet: false, unmet: ['adult'], underAge: true });
  });

  it('counts the 18th birthday itself, in Stockholm time', () => {
    // 23:30 UTC on 15 March is already 16 March in Stockholm.
    const lateEvening = new Date('2026-03-15T23:30:00Z');
    expect(evaluateEligibility(DEFAULT_ELIGIBILITY_SETTINGS, ALL_MET, '2008-03-16', lateEvening).underAge).toBe(false);
  });

  it('without a date of birth, treats an age criterion answered not met as under 18', () => {
    const evaluation = evaluateEligibility(DEFAULT_ELIGIBILITY_SETTINGS, { ...ALL_MET, adult: no() }, undefined, AT);
    expect(evaluation).toEqual({ allMet: false, unmet: ['adult'], underAge: true });
  });

  it('does not call a 19-year-old under age when the programme admits from 21', () => {
    const settings = {
      criteria: [{ id: 'age21', label: { sv: '21+', en: '21+' }, kind: 'age' as const, minAge: 21 }],
    };
    expect(evaluateEligibility(settings, {}, '2007-01-01', AT)).toEqual({
      allMet: false,
      unmet: ['age21'],
      underAge: false,
    });
    expect(evaluateEligibility(settings, { age21: no() }, undefined, AT).underAge).toBe(false);
  });

  it('ignores inherited properties as answers', () => {
    const settings = { criteria: [{ id: 'constructor', label: { sv: 'K', en: 'C' }, kind: 'boolean' as const }] };
    expect(evaluateEligibility(settings, {}, undefined, AT).unmet).toEqual(['constructor']);
  });
});

describe('eligibilityDecisionBody and checkEligibilityDecision', () => {
  it('admits when every criterion is met', () => {
    expect(checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, decision(), AT)).toEqual([]);
  });

  it('requires grounds for every answer', () => {
    expect(
      eligibilityDecisionBody.safeParse({
        answers: { motivated: { met: true, grounds: ' ' } },
        outcome: 'admitted',
        reasoning: 'x',
      }).success,
    ).toBe(false);
  });

  it('requires a referral for a decline or a referral, and forbids one for an admission', () => {
    const codes = (input: object) => {
      const result = eligibilityDecisionBody.safeParse({ answers: ALL_MET, reasoning: 'r', ...input });
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(codes({ outcome: 'declined' })).toEqual(['referred_to_required']);
    expect(codes({ outcome: 'referred' })).toEqual(['referred_to_required']);
    expect(codes({ outcome: 'admitted', referredTo: { kind: 'other', organisationName: 'KRIS' } })).toEqual([
      'referred_to_not_allowed',
    ]);
    expect(codes({ outcome: 'declined', referredTo: { kind: 'other', organisationName: 'KRIS' } })).toEqual([]);
  });

  it('rejects a missing answer and an answer to an unknown criterion', () => {
    const { motivated: _m, ...rest } = ALL_MET;
    expect(
      checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, decision({ answers: { ...rest, extra: yes() } }), AT),
    ).toEqual([
      { path: 'answers.extra', code: 'unknown_criterion' },
      { path: 'answers.motivated', code: 'criterion_answer_missing' },
      { path: 'outcome', code: 'admitted_with_unmet_criteria' },
    ]);
  });

  it('rejects admitting a person who does not meet a criterion', () => {
    expect(
      checkEligibilityDecision(
        DEFAULT_ELIGIBILITY_SETTINGS,
        decision({ answers: { ...ALL_MET, motivated: no() } }),
        AT,
      ),
    ).toEqual([{ path: 'outcome', code: 'admitted_with_unmet_criteria' }]);
  });

  it('routes a person under 18 to social services with a clear notice instead of refusing them', () => {
    const declined = decision({
      birthDate: '2010-06-01',
      outcome: 'declined',
      referredTo: { kind: 'other', organisationName: 'Fryshuset' },
    });
    expect(checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, declined, AT)).toEqual([
      { path: 'outcome', code: 'under_age_refer_to_social_services' },
    ]);
    expect(ASSESSMENT_VALIDATION_MESSAGES.under_age_refer_to_social_services.sv).toContain('socialtjänsten');
    expect(ASSESSMENT_VALIDATION_MESSAGES.under_age_refer_to_social_services.en).toContain('social services');
    const referred = decision({
      birthDate: '2010-06-01',
      outcome: 'referred',
      referredTo: { kind: 'social_services', organisationName: 'Socialtjänsten Järva' },
    });
    expect(checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, referred, AT)).toEqual([]);
  });

  it('never admits a person under 18, even with every answer yes', () => {
    expect(checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, decision({ birthDate: '2010-06-01' }), AT)).toEqual([
      { path: 'outcome', code: 'under_age_refer_to_social_services' },
    ]);
  });

  it('rejects a date of birth in the future', () => {
    expect(checkEligibilityDecision(DEFAULT_ELIGIBILITY_SETTINGS, decision({ birthDate: '2026-03-17' }), AT)).toEqual([
      { path: 'birthDate', code: 'birth_date_in_future' },
    ]);
  });
});

describe('the decision on the case lifecycle', () => {
  it('maps each outcome to its event', () => {
    expect(ELIGIBILITY_OUTCOME_EVENT).toEqual({ admitted: 'admit', declined: 'decline', referred: 'refer' });
  });

  it('moves a case in assessment, and nothing else', () => {
    expect(eligibilityTransition('assessment', 'admitted')).toEqual({ ok: true, state: 'admitted' });
    expect(eligibilityTransition('assessment', 'declined')).toEqual({ ok: true, state: 'declined' });
    expect(eligibilityTransition('assessment', 'referred')).toEqual({
      ok: true,
      state: 'closed',
      closureReason: 'referred',
    });
    for (const state of ['inquiry', 'admitted', 'active', 'followup', 'closed'] as const) {
      expect(eligibilityTransition(state, 'admitted')).toEqual({ ok: false, reason: 'forbidden_transition' });
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkBreachReference,
  conditionsAgreementBody,
  DEFAULT_CONDITIONS,
  isInformingCondition,
  makeRecordBreachBody,
  makeSignConditionsBody,
} from './conditions.ts';

const NOW = new Date('2026-03-10T14:00:00Z');

function codes(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')} ${i.message}`);
}

describe('the default conditions', () => {
  it('are the five of the practice, version 1', () => {
    expect(DEFAULT_CONDITIONS.version).toBe(1);
    expect(DEFAULT_CONDITIONS.conditions.map((c) => c.id)).toEqual([
      'no_crime',
      'no_drugs',
      'drug_tests',
      'regular_talks',
      'cooperation',
    ]);
  });

  it('are a valid agreement and never make informing on others a condition', () => {
    expect(conditionsAgreementBody.safeParse(DEFAULT_CONDITIONS).success).toBe(true);
    for (const condition of DEFAULT_CONDITIONS.conditions) expect(isInformingCondition(condition.text)).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(DEFAULT_CONDITIONS.conditions[0]?.text)).toBe(true);
  });
});

describe('conditionsAgreementBody', () => {
  const condition = { id: 'talks', text: { sv: 'Samtal varje vecka.', en: 'Talks every week.' } };

  it('rejects duplicate ids and a missing translation', () => {
    expect(codes(conditionsAgreementBody.safeParse({ version: 2, conditions: [condition, condition] }))).toEqual([
      'conditions.1.id duplicate_condition_id',
    ]);
    expect(
      conditionsAgreementBody.safeParse({ version: 2, conditions: [{ ...condition, text: { sv: 'Samtal', en: '' } }] })
        .success,
    ).toBe(false);
  });

  it.each([
    [{ sv: 'Jag ska vittna mot gruppen.', en: 'I will testify against the group.' }],
    [{ sv: 'Jag lämnar uppgifter om andra medlemmar.', en: 'I give information about other members.' }],
    [{ sv: 'Jag samarbetar.', en: 'I inform on former associates.' }],
    [{ sv: 'Angiveri av andra krävs.', en: 'Reporting others is required.' }],
  ])('rejects a condition that makes informing a condition: %j', (text) => {
    expect(codes(conditionsAgreementBody.safeParse({ version: 2, conditions: [{ id: 'x', text }] }))).toEqual([
      'conditions.0.text informing_never_a_condition',
    ]);
  });
});

describe('isInformingCondition', () => {
  it('does not mistake the ordinary Swedish word "ange" (state, give) for informing', () => {
    expect(isInformingCondition({ sv: 'Ange alltid var du sover.', en: 'Always say where you sleep.' })).toBe(false);
  });
});

describe('signing the conditions', () => {
  const schema = makeSignConditionsBody(NOW);
  const signed = { version: 1, signedAt: '2026-03-10T13:30:00Z', method: 'signed_paper' };

  it('accepts a signed paper, and an oral agreement only with a witness', () => {
    expect(codes(schema.safeParse(signed))).toEqual([]);
    expect(codes(schema.safeParse({ ...signed, method: 'oral_with_witness' }))).toEqual([
      'witnessName witness_required',
    ]);
    expect(codes(schema.safeParse({ ...signed, method: 'oral_with_witness', witnessName: 'Anna Berg' }))).toEqual([]);
  });

  it('rejects signing in the future and a version that is not a positive whole number', () => {
    expect(codes(schema.safeParse({ ...signed, signedAt: '2026-03-11T00:00:00Z' }))).toEqual([
      'signedAt signed_in_future',
    ]);
    expect(schema.safeParse({ ...signed, version: 0 }).success).toBe(false);
  });
});

describe('breaches', () => {
  it('records a breach with a response, never in the future', () => {
    const schema = makeRecordBreachBody(NOW);
    const breach = {
      conditionsVersion: 1,
      conditionId: 'no_drugs',
      occurredAt: '2026-03-09T20:00:00Z',
      description: 'Positivt test.',
      response: 'more_support',
    };
    expect(codes(schema.safeParse(breach))).toEqual([]);
    expect(codes(schema.safeParse({ ...breach, occurredAt: '2026-03-12T00:00:00Z' }))).toEqual([
      'occurredAt breach_in_future',
    ]);
  });

  it('links only to a condition of a signed version', () => {
    expect(checkBreachReference([DEFAULT_CONDITIONS], { conditionsVersion: 1, conditionId: 'no_drugs' })).toEqual([]);
    expect(checkBreachReference([DEFAULT_CONDITIONS], { conditionsVersion: 2, conditionId: 'no_drugs' })).toEqual([
      { path: 'conditionsVersion', code: 'unknown_conditions_version' },
    ]);
    expect(checkBreachReference([DEFAULT_CONDITIONS], { conditionsVersion: 1, conditionId: 'curfew' })).toEqual([
      { path: 'conditionId', code: 'unknown_condition' },
    ]);
  });
});

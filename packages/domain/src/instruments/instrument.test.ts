import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from './instrument-definition.ts';
import type { InstrumentError } from './instrument-errors.ts';
import { definition, parsed, t } from './instrument.fixtures.ts';
import { answerValuesFor, evaluateAnswers, instrumentItems, validateAnswers, validateJudgement } from './instrument.ts';

const codesOf = (errors: readonly InstrumentError[]) => errors.map((error) => error.code);

describe('answerValuesFor', () => {
  it('offers "unknown" on yes/no/unknown and on the 0–2 scale, but not on plain yes/no', () => {
    expect(answerValuesFor({ answerType: 'yes_no' })).toEqual(['yes', 'no']);
    expect(answerValuesFor({ answerType: 'yes_no_unknown' })).toEqual(['yes', 'no', 'unknown']);
    expect(answerValuesFor({ answerType: 'scale_0_2' })).toEqual(['0', '1', '2', 'unknown']);
    expect(answerValuesFor({ answerType: 'text' })).toBeNull();
    expect(answerValuesFor({ answerType: 'choice', options: [{ value: 'a', label: t('A', 'A') }] })).toEqual(['a']);
  });
});

describe('validateAnswers', () => {
  const instrument = parsed();
  const complete = { threatened: 'yes', tonight: 'yes', drugs: '1', when: 'never', notes: 'Ringde från jobbet.' };

  it('accepts a complete, valid set of answers', () => {
    expect(validateAnswers(instrument, complete)).toEqual([]);
  });

  it('needs only the required answers', () => {
    expect(validateAnswers(instrument, { threatened: 'no', tonight: 'yes' })).toEqual([]);
  });

  it('names the unanswered required question in both languages', () => {
    expect(validateAnswers(instrument, { threatened: 'no' })).toEqual([
      {
        path: 'answers.tonight',
        code: 'answer_required',
        message: {
          sv: 'Frågan ”Säker plats i natt?” måste besvaras. Går det inte att veta, välj ”vet ej” om det finns.',
          en: 'The question "Safe place tonight?" must be answered. If it cannot be known, choose "unknown" where offered.',
        },
      },
    ]);
  });

  it('treats an empty answer as unanswered', () => {
    expect(codesOf(validateAnswers(instrument, { threatened: '  ', tonight: 'yes' }))).toEqual(['answer_required']);
  });

  it('counts "unknown" as an answer, not as a missing one', () => {
    expect(
      validateAnswers(instrument, { threatened: 'unknown', tonight: 'yes', drugs: 'unknown', when: 'unknown' }),
    ).toEqual([]);
  });

  it('rejects "unknown" where the item does not offer it', () => {
    expect(validateAnswers(instrument, { threatened: 'no', tonight: 'unknown' })).toMatchObject([
      {
        path: 'answers.tonight',
        code: 'invalid_answer',
        message: { en: expect.stringContaining('Valid answers: yes, no.') },
      },
    ]);
  });

  it.each([
    ['threatened', 'ja'],
    ['threatened', 'YES'],
    ['drugs', '3'],
    ['drugs', 'yes'],
    ['when', 'tomorrow'],
  ])('rejects the answer %s = %j as the wrong type', (itemId, value) => {
    expect(validateAnswers(instrument, { ...complete, [itemId]: value })).toMatchObject([
      { path: `answers.${itemId}`, code: 'invalid_answer' },
    ]);
  });

  it('rejects a free-text answer over the limit', () => {
    expect(codesOf(validateAnswers(instrument, { ...complete, notes: 'x'.repeat(4001) }))).toEqual(['answer_too_long']);
  });

  it('rejects answers to questions the instrument does not have', () => {
    expect(validateAnswers(instrument, { ...complete, weapons: 'yes' })).toMatchObject([
      { path: 'answers.weapons', code: 'unknown_item' },
    ]);
  });

  it('does not read inherited properties as answers', () => {
    const input = definition();
    input.parts[0]!.items[0]!.id = 'constructor';
    const result = parseInstrumentDefinition(input);
    if (!result.ok) throw new Error('expected a valid definition');
    expect(codesOf(validateAnswers(result.value, { tonight: 'yes' }))).toEqual(['answer_required']);
    expect(evaluateAnswers(result.value, { tonight: 'yes' }).unansweredItemIds).toContain('constructor');
  });

  it('reports every fault at once', () => {
    expect(codesOf(validateAnswers(instrument, { drugs: '7', extra: 'x' }))).toEqual([
      'unknown_item',
      'answer_required',
      'answer_required',
      'invalid_answer',
    ]);
  });
});

describe('evaluateAnswers', () => {
  const instrument = parsed();

  it('raises the acute alarm for an acute answer and names the item', () => {
    const evaluation = evaluateAnswers(instrument, { threatened: 'no', tonight: 'no' });
    expect(evaluation.acute).toBe(true);
    expect(evaluation.acuteItemIds).toEqual(['tonight']);
    expect(evaluation.suggestedJudgement).toBe('acute');
  });

  it('lists critical items answered yes, 2 or acute, and no others', () => {
    const evaluation = evaluateAnswers(instrument, { threatened: 'yes', tonight: 'yes', drugs: '2', when: 'today' });
    expect(evaluation.criticalItemIds).toEqual(['threatened', 'drugs', 'when']);
    const calm = evaluateAnswers(instrument, { threatened: 'no', tonight: 'yes', drugs: '1', when: 'never' });
    expect(calm.criticalItemIds).toEqual([]);
  });

  it('does not list a critical item answered "unknown" as critical, but as unknown', () => {
    const evaluation = evaluateAnswers(instrument, {
      threatened: 'unknown',
      tonight: 'yes',
      drugs: 'unknown',
      when: 'unknown',
    });
    expect(evaluation.criticalItemIds).toEqual([]);
    expect(evaluation.unknownItemIds).toEqual(['threatened', 'drugs', 'when']);
    expect(evaluation.unansweredItemIds).toEqual(['notes']);
  });

  it('never treats "unknown" as unanswered', () => {
    const evaluation = evaluateAnswers(instrument, { threatened: 'unknown' });
    expect(evaluation.unansweredItemIds).not.toContain('threatened');
    expect(evaluation.unknownItemIds).toEqual(['threatened']);
  });

  it('leaves the judgement to the professional when nothing is acute, however many critical answers', () => {
    const evaluation = evaluateAnswers(instrument, { threatened: 'yes', tonight: 'yes', drugs: '2' });
    expect(evaluation.acute).toBe(false);
    expect(evaluation.suggestedJudgement).toBeNull();
  });

  it('ignores invalid answers instead of guessing', () => {
    const evaluation = evaluateAnswers(instrument, { threatened: 'YES', when: 'TODAY' });
    expect(evaluation).toMatchObject({ acute: false, criticalItemIds: [], acuteItemIds: [] });
  });

  it("is acute exactly when some answer is one of its item's acute answers", () => {
    const items = instrumentItems(instrument);
    const answerFor = (values: readonly string[] | null) =>
      fc.option(values === null ? fc.string({ maxLength: 20 }) : fc.constantFrom(...values), { nil: undefined });
    const answers = fc.record(Object.fromEntries(items.map((item) => [item.id, answerFor(answerValuesFor(item))])), {
      requiredKeys: [],
    });
    fc.assert(
      fc.property(answers, (given) => {
        const clean = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >;
        const evaluation = evaluateAnswers(instrument, clean);
        const expected = items.some((item) => (item.acuteAnswers ?? []).includes(clean[item.id] ?? ''));
        expect(evaluation.acute).toBe(expected);
        expect(evaluation.suggestedJudgement).toBe(expected ? 'acute' : null);
        if (expected) {
          for (const level of ['none', 'low', 'elevated']) {
            expect(codesOf(validateJudgement(instrument, evaluation, level))).toEqual(['judgement_below_acute']);
          }
        }
      }),
    );
  });
});

describe('validateJudgement', () => {
  const instrument = parsed();

  it("accepts any of the instrument's levels when nothing is acute", () => {
    for (const level of ['none', 'low', 'elevated', 'acute']) {
      expect(validateJudgement(instrument, { acute: false }, level)).toEqual([]);
    }
  });

  it('never lets a judgement be lower than acute when an answer is acute', () => {
    expect(validateJudgement(instrument, { acute: true }, 'elevated')).toEqual([
      {
        path: 'judgement',
        code: 'judgement_below_acute',
        message: {
          sv: 'Minst ett svar är akut, så bedömningen måste vara akut.',
          en: 'At least one answer is acute, so the judgement must be acute.',
        },
      },
    ]);
    expect(validateJudgement(instrument, { acute: true }, 'acute')).toEqual([]);
  });

  it('rejects a level of another kind of instrument', () => {
    expect(validateJudgement(instrument, { acute: false }, 'moderate')).toMatchObject([
      {
        code: 'unknown_judgement_level',
        message: { en: 'Unknown judgement level. Choose one of: none, low, elevated, acute.' },
      },
    ]);
  });

  it('never quotes the submitted answer or level back (answers may name a person)', () => {
    const marker = 'Anna Markörsson';
    const faults = [
      ...validateAnswers(instrument, { threatened: marker }).filter((f) => f.code === 'invalid_answer'),
      ...validateJudgement(instrument, { acute: false }, marker),
    ];
    expect(faults.map((f) => f.code)).toEqual(['invalid_answer', 'unknown_judgement_level']);
    expect(JSON.stringify(faults)).not.toContain(marker);
  });
});

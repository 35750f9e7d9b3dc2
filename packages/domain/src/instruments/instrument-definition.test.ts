import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from './instrument-definition.ts';
import { INSTRUMENT_ERROR_CODES, type InstrumentError } from './instrument-errors.ts';
import { definition, t } from './instrument.fixtures.ts';

function errorsOf(input: unknown): InstrumentError[] {
  const result = parseInstrumentDefinition(input);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors;
}

const codesOf = (errors: readonly InstrumentError[]) => errors.map((error) => error.code);

describe('parseInstrumentDefinition', () => {
  it('accepts a valid definition and trims its texts', () => {
    const input = definition();
    input.name = t('  Testlista ', 'Test list  ');
    const result = parseInstrumentDefinition(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.name).toEqual(t('Testlista', 'Test list'));
  });

  it('accepts the JSON text of an imported file', () => {
    expect(parseInstrumentDefinition(JSON.stringify(definition())).ok).toBe(true);
  });

  it('rejects a file that is not JSON, in both languages', () => {
    expect(errorsOf('{ "id": ')).toEqual([
      { path: '', code: 'invalid_json', message: t('Filen är inte giltig JSON.', 'The file is not valid JSON.') },
    ]);
  });

  it('rejects an unknown answer type and names the allowed ones in Swedish and English', () => {
    const input = definition();
    input.parts[0]!.items[1]!.answerType = 'yesno';
    const [error, ...rest] = errorsOf(input);
    expect(rest).toEqual([]);
    expect(error?.path).toBe('parts[0].items[1].answerType');
    expect(error?.code).toBe('unknown_answer_type');
    expect(error?.message.sv).toBe(
      'Okänd svarstyp "yesno". Tillåtna svarstyper: yes_no, yes_no_unknown, scale_0_2, choice, text.',
    );
    expect(error?.message.en).toBe(
      'Unknown answer type "yesno". Allowed answer types: yes_no, yes_no_unknown, scale_0_2, choice, text.',
    );
  });

  it('reports every fault at once, each with its path', () => {
    const input = definition();
    const [partA, partB] = input.parts;
    partA!.items[0]!.answerType = 'stars'; // unknown answer type
    partA!.items[2]!.id = 'threatened'; // duplicate item id
    partB!.id = 'a'; // duplicate part id
    delete partB!.items[0]!.options; // choice without options (its acute answer is now invalid too)
    partA!.items[1]!.acuteAnswers = ['maybe']; // not an answer to yes_no
    partA!.items[1]!.text = { sv: 'Säker plats i natt?' }; // English missing
    input.name = t('', 'Test list'); // Swedish empty
    const errors = errorsOf(input);
    expect(errors.map(({ path, code }) => `${path} ${code}`).sort()).toEqual(
      [
        'parts[0].items[0].answerType unknown_answer_type',
        'parts[0].items[2].id duplicate_item_id',
        'parts[1].id duplicate_part_id',
        'parts[1].items[0].options options_required',
        'parts[1].items[0].acuteAnswers[0] invalid_acute_answer',
        'parts[0].items[1].acuteAnswers[0] invalid_acute_answer',
        'parts[0].items[1].text.en missing_translation',
        'name.sv missing_translation',
      ].sort(),
    );
  });

  it('says which language is missing', () => {
    const input = definition();
    input.parts[0]!.items[0]!.text = { en: 'Threatened?' };
    expect(errorsOf(input)).toEqual([
      {
        path: 'parts[0].items[0].text.sv',
        code: 'missing_translation',
        message: t('Texten på svenska saknas.', 'The Swedish text is missing.'),
      },
    ]);
  });

  it('rejects a definition without parts', () => {
    const input = definition();
    input.parts = [];
    expect(errorsOf(input)).toMatchObject([{ path: 'parts', code: 'empty_parts' }]);
  });

  it('rejects a part without questions', () => {
    const input = definition();
    input.parts[1]!.items = [];
    expect(errorsOf(input)).toMatchObject([{ path: 'parts[1].items', code: 'empty_items' }]);
  });

  it('rejects options on an item that is not a choice, and a choice with a single option', () => {
    const input = definition();
    input.parts[0]!.items[0]!.options = [{ value: 'x', label: t('X', 'X') }];
    input.parts[1]!.items[0]!.options = [{ value: 'today', label: t('I dag', 'Today') }];
    expect(codesOf(errorsOf(input)).sort()).toEqual(['options_not_allowed', 'too_few_options']);
  });

  it('rejects an option value listed twice', () => {
    const input = definition();
    input.parts[1]!.items[0]!.options = [
      { value: 'today', label: t('I dag', 'Today') },
      { value: 'today', label: t('Nu', 'Now') },
    ];
    expect(errorsOf(input)).toMatchObject([
      { path: 'parts[1].items[0].options[1].value', code: 'duplicate_option_value' },
    ]);
  });

  it('names the valid answers when an acute answer is not one of them', () => {
    const input = definition();
    input.parts[0]!.items[1]!.acuteAnswers = ['unknown']; // yes_no has no "unknown"
    const [error] = errorsOf(input);
    expect(error?.code).toBe('invalid_acute_answer');
    expect(error?.message.en).toBe(
      'The acute answer "unknown" is not a valid answer to the question "Safe place tonight?". Valid answers: yes, no.',
    );
    expect(error?.message.sv).toContain('Giltiga svar: yes, no.');
  });

  it('accepts "unknown" and scale values as acute answers where the item offers them', () => {
    const input = definition();
    input.parts[0]!.items[0]!.acuteAnswers = ['unknown'];
    input.parts[0]!.items[2]!.acuteAnswers = ['2'];
    expect(parseInstrumentDefinition(input).ok).toBe(true);
  });

  it('rejects acute answers on a free-text item and a repeated acute answer', () => {
    const input = definition();
    input.parts[1]!.items[1]!.acuteAnswers = ['help'];
    input.parts[0]!.items[1]!.acuteAnswers = ['no', 'no'];
    expect(codesOf(errorsOf(input)).sort()).toEqual(['acute_answers_not_allowed', 'duplicate_acute_answer']);
  });

  it('requires the judgement levels of the kind, in order', () => {
    const input = definition();
    input.judgement = { levels: ['low', 'moderate', 'high', 'acute'], label: t('B', 'J') };
    const [error] = errorsOf(input);
    expect(error).toMatchObject({ path: 'judgement.levels', code: 'invalid_judgement_levels' });
    expect(error?.message.en).toBe('The judgement levels must be exactly, in this order: none, low, elevated, acute.');
    input.kind = 'risk_analysis';
    // The levels now fit the kind; what remains is that a risk analysis rates every item 0–2.
    expect(codesOf(errorsOf(input)).filter((code) => code !== 'risk_item_not_rated')).toEqual([]);
  });

  it('requires every item of a risk analysis to be rated on the 0–2 scale, naming the question', () => {
    const input = definition();
    input.kind = 'risk_analysis';
    input.judgement = { levels: ['low', 'moderate', 'high', 'acute'], label: t('B', 'J') };
    const errors = errorsOf(input);
    expect(errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      'parts[0].items[0].answerType risk_item_not_rated',
      'parts[0].items[1].answerType risk_item_not_rated',
      'parts[1].items[0].answerType risk_item_not_rated',
      'parts[1].items[1].answerType risk_item_not_rated',
    ]);
    expect(errors[0]?.message.sv).toContain('Hotad?');
    for (const part of input.parts) {
      for (const item of part.items) {
        item.answerType = 'scale_0_2';
        delete item.options;
        delete item.acuteAnswers;
      }
    }
    expect(parseInstrumentDefinition(input).ok).toBe(true);
  });

  it('rejects duplicate item ids in a risk analysis too', () => {
    const input = definition();
    input.kind = 'risk_analysis';
    input.judgement = { levels: ['low', 'moderate', 'high', 'acute'], label: t('B', 'J') };
    input.parts = [
      {
        id: 'a',
        title: t('Del', 'Part'),
        items: [
          { id: 'same', text: t('A', 'A'), answerType: 'scale_0_2', required: true },
          { id: 'same', text: t('B', 'B'), answerType: 'scale_0_2', required: true },
        ],
      },
    ];
    expect(errorsOf(input).map((e) => `${e.path} ${e.code}`)).toEqual(['parts[0].items[1].id duplicate_item_id']);
  });

  it('reports one clear error for levels that are not levels at all', () => {
    const input = definition();
    input.judgement = { levels: ['green', 'red'], label: t('B', 'J') };
    expect(codesOf(errorsOf(input))).toEqual(['invalid_judgement_levels']);
  });

  it('names the allowed kinds for an unknown kind', () => {
    const input = definition();
    input.kind = 'survey';
    const errors = errorsOf(input);
    expect(codesOf(errors)).toEqual(['unknown_kind', 'invalid_judgement_levels']);
    expect(errors[0]?.message.en).toBe('Unknown instrument kind "survey". Allowed kinds: checklist, risk_analysis.');
  });

  it('names an unknown field so a misspelling is caught rather than ignored', () => {
    const input = definition();
    input.parts[0]!.items[0]!.requried = true;
    expect(errorsOf(input)).toMatchObject([
      {
        path: 'parts[0].items[0].requried',
        code: 'unknown_field',
        message: { en: 'Unknown field "requried". Check the spelling.' },
      },
    ]);
  });

  it('reports a missing field as required', () => {
    const input = definition();
    delete input.id;
    delete input.parts[0]!.items[0]!.required;
    delete input.parts[0]!.items[1]!.answerType;
    expect(errorsOf(input).map(({ path, code }) => `${path} ${code}`)).toEqual([
      'id required',
      'parts[0].items[0].required required',
      'parts[0].items[1].answerType required',
    ]);
  });

  it.each([0, -1, 1.5, '1', null])('rejects the version %j', (version) => {
    const input = definition();
    input.version = version;
    expect(codesOf(errorsOf(input))).toEqual(['invalid_version']);
  });

  it.each(['ab', 'Utvag-list', 'utvag_list', 'a'.repeat(65)])('rejects the instrument id %j', (id) => {
    const input = definition();
    input.id = id;
    expect(codesOf(errorsOf(input))).toEqual(['invalid_instrument_id']);
  });

  it.each(['__proto__', '', 'Threatened', 'has space', '-lead'])('rejects the item id %j', (id) => {
    const input = definition();
    input.parts[0]!.items[0]!.id = id;
    expect(codesOf(errorsOf(input))).toEqual(['invalid_id']);
  });

  it('rejects text over the limit and names the limit', () => {
    const input = definition();
    input.parts[0]!.items[0]!.text = t('x'.repeat(1001), 'x');
    expect(errorsOf(input)).toMatchObject([
      {
        path: 'parts[0].items[0].text.sv',
        code: 'too_long',
        message: { en: 'The text is too long: at most 1000 characters.' },
      },
    ]);
  });

  it.each([null, 42, [], 'null', '"text"', {}])('rejects %j without throwing', (input) => {
    expect(errorsOf(input).length).toBeGreaterThan(0);
  });

  it('never throws, and every fault has a known code and a message in both languages', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), fc.string()), (input) => {
        const result = parseInstrumentDefinition(input);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(INSTRUMENT_ERROR_CODES).toContain(error.code);
          expect(error.message.sv.length).toBeGreaterThan(0);
          expect(error.message.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('finds every fault in a definition broken in random places', () => {
    const breakers: ((d: ReturnType<typeof definition>) => void)[] = [
      (d) => (d.parts[0]!.items[0]!.answerType = 'nope'),
      (d) => (d.parts[0]!.items[1]!.id = 'threatened'),
      (d) => (d.parts[1]!.id = 'a'),
      (d) => (d.parts[0]!.items[2]!.text = { sv: 'Droger?' }),
      (d) => (d.version = 0),
      (d) => (d.parts[0]!.items[1]!.acuteAnswers = ['perhaps']),
    ];
    fc.assert(
      fc.property(fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), (chosen) => {
        const input = definition();
        for (const i of chosen) breakers[i]!(input);
        const result = parseInstrumentDefinition(input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors).toHaveLength(chosen.length);
      }),
    );
  });
});

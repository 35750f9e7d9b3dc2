import type { z } from 'zod';
import { instrumentError, isInstrumentErrorCode, type InstrumentError } from './instrument-errors.ts';
import {
  ANSWER_TYPES,
  INSTRUMENT_KINDS,
  instrumentDefinitionShape,
  JUDGEMENT_LEVELS_BY_KIND,
  type AnswerType,
  type InstrumentDefinition,
} from './instrument.schema.ts';
import { answerValuesFor } from './instrument.ts';

/** The outcome of parsing an instrument definition: the definition, or every fault at once. */
export type InstrumentParseResult =
  { ok: true; value: InstrumentDefinition } | { ok: false; errors: InstrumentError[] };

function pathString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function fromZodIssue(issue: z.core.$ZodIssue): InstrumentError[] {
  const path = pathString(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => instrumentError('unknown_field', pathString([...issue.path, key]), { value: key }));
  }
  const input = 'input' in issue ? issue.input : undefined;
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && input === undefined;
  if (missing && issue.message !== 'missing_translation') return [instrumentError('required', path)];
  if (issue.code === 'too_big') {
    const code = issue.message === 'too_many' ? 'too_many' : 'too_long';
    return [instrumentError(code, path, { max: Number(issue.maximum) })];
  }
  const code = isInstrumentErrorCode(issue.message) ? issue.message : 'invalid_type';
  return [instrumentError(code, path, { value: input })];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function arrayAt(record: Record<string, unknown>, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

function isAnswerType(x: unknown): x is AnswerType {
  return typeof x === 'string' && (ANSWER_TYPES as readonly string[]).includes(x);
}

function bilingualOrUndefined(x: unknown): { sv: string; en: string } | undefined {
  return isRecord(x) && typeof x.sv === 'string' && typeof x.en === 'string' ? { sv: x.sv, en: x.en } : undefined;
}

/** Cross-field rules of one item, read defensively from the raw input so every fault is found in one pass. */
function itemCrossFieldErrors(
  item: Record<string, unknown>,
  path: string,
  seenItemIds: Set<string>,
  kind: unknown,
): InstrumentError[] {
  const errors: InstrumentError[] = [];
  const details = { itemId: typeof item.id === 'string' ? item.id : '', itemText: bilingualOrUndefined(item.text) };
  if (typeof item.id === 'string') {
    if (seenItemIds.has(item.id)) errors.push(instrumentError('duplicate_item_id', `${path}.id`, { value: item.id }));
    seenItemIds.add(item.id);
  }
  const answerType = item.answerType;
  if (!isAnswerType(answerType)) return errors; // reported by the shape check
  // A risk analysis rates every item now and in the past on the same scale (see risk-analysis.ts).
  if (kind === 'risk_analysis' && answerType !== 'scale_0_2') {
    errors.push(instrumentError('risk_item_not_rated', `${path}.answerType`, details));
  }

  const options = Array.isArray(item.options) ? item.options : undefined;
  const optionValues: string[] = [];
  if (answerType === 'choice') {
    if (options === undefined || options.length === 0) {
      errors.push(instrumentError('options_required', `${path}.options`, details));
    } else if (options.length === 1) {
      errors.push(instrumentError('too_few_options', `${path}.options`, details));
    }
    (options ?? []).forEach((option, o) => {
      if (!isRecord(option) || typeof option.value !== 'string') return;
      if (optionValues.includes(option.value)) {
        errors.push(
          instrumentError('duplicate_option_value', `${path}.options[${o}].value`, { ...details, value: option.value }),
        );
      }
      optionValues.push(option.value);
    });
  } else if (item.options !== undefined) {
    errors.push(instrumentError('options_not_allowed', `${path}.options`, { value: answerType }));
  }

  if (Array.isArray(item.acuteAnswers)) {
    if (answerType === 'text') {
      if (item.acuteAnswers.length > 0)
        errors.push(instrumentError('acute_answers_not_allowed', `${path}.acuteAnswers`));
    } else {
      const allowed =
        answerValuesFor({ answerType, options: optionValues.map((value) => ({ value, label: { sv: '', en: '' } })) }) ??
        [];
      const seen = new Set<string>();
      item.acuteAnswers.forEach((answer, a) => {
        if (typeof answer !== 'string') return; // reported by the shape check
        const at = `${path}.acuteAnswers[${a}]`;
        if (seen.has(answer)) errors.push(instrumentError('duplicate_acute_answer', at, { value: answer }));
        else if (!allowed.includes(answer))
          errors.push(instrumentError('invalid_acute_answer', at, { ...details, value: answer, allowed }));
        seen.add(answer);
      });
    }
  }
  return errors;
}

function judgementLevelsError(input: Record<string, unknown>): InstrumentError | null {
  const kind = input.kind;
  const known = typeof kind === 'string' && (INSTRUMENT_KINDS as readonly string[]).includes(kind);
  const expected: readonly string[] = known
    ? JUDGEMENT_LEVELS_BY_KIND[kind as keyof typeof JUDGEMENT_LEVELS_BY_KIND]
    : [];
  const judgement = input.judgement;
  if (!isRecord(judgement) || judgement.levels === undefined) return null; // reported by the shape check
  const levels = judgement.levels;
  const matches =
    Array.isArray(levels) && levels.length === expected.length && levels.every((level, i) => level === expected[i]);
  if (matches) return null;
  const allowed = known ? expected : INSTRUMENT_KINDS.map((k) => `${k}: [${JUDGEMENT_LEVELS_BY_KIND[k].join(', ')}]`);
  return instrumentError('invalid_judgement_levels', 'judgement.levels', { allowed });
}

function crossFieldErrors(input: unknown): InstrumentError[] {
  if (!isRecord(input)) return [];
  const errors: InstrumentError[] = [];
  const partIds = new Set<string>();
  const itemIds = new Set<string>();
  arrayAt(input, 'parts').forEach((part, p) => {
    if (!isRecord(part)) return;
    if (typeof part.id === 'string') {
      if (partIds.has(part.id)) errors.push(instrumentError('duplicate_part_id', `parts[${p}].id`, { value: part.id }));
      partIds.add(part.id);
    }
    arrayAt(part, 'items').forEach((item, i) => {
      if (isRecord(item)) errors.push(...itemCrossFieldErrors(item, `parts[${p}].items[${i}]`, itemIds, input.kind));
    });
  });
  const levels = judgementLevelsError(input);
  if (levels !== null) errors.push(levels);
  return errors;
}

/**
 * Parses an instrument definition (an object, or JSON text from an imported file). Reports every
 * fault at once, each with its path and a message in Swedish and English; never throws.
 */
export function parseInstrumentDefinition(json: unknown): InstrumentParseResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, errors: [instrumentError('invalid_json', '')] };
    }
  }
  const shape = instrumentDefinitionShape.safeParse(input, { reportInput: true });
  const shapeErrors = shape.success
    ? []
    : shape.error.issues
        // The levels are checked as a whole against the kind, with one clearer message.
        .filter((issue) => issue.message !== 'invalid_judgement_levels')
        .flatMap(fromZodIssue);
  const errors = [...shapeErrors, ...crossFieldErrors(input)];
  if (errors.length > 0 || !shape.success) return { ok: false, errors };
  return { ok: true, value: shape.data };
}

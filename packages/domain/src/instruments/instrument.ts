import { instrumentError, type InstrumentError } from './instrument-errors.ts';
import {
  INSTRUMENT_LIMITS,
  UNKNOWN_ANSWER,
  type AnswerType,
  type InstrumentAnswers,
  type InstrumentDefinition,
  type InstrumentItem,
  type JudgementLevel,
} from './instrument.schema.ts';

/** What a set of answers shows, without summing anything: the judgement stays with the professional. */
export type InstrumentEvaluation = {
  /** True when any answer is one of its item's acute answers: the call and its case show an alarm. */
  acute: boolean;
  acuteItemIds: string[];
  /** Critical items answered yes, 2, or with an acute answer. */
  criticalItemIds: string[];
  /** Items answered "unknown": not enough information, which is never the same as "no". */
  unknownItemIds: string[];
  /** Items with no answer at all. */
  unansweredItemIds: string[];
  /** 'acute' when an answer is acute; otherwise null, because the professional judges. */
  suggestedJudgement: JudgementLevel | null;
};

/** Every item of an instrument, in order. */
export function instrumentItems(instrument: InstrumentDefinition): InstrumentItem[] {
  return instrument.parts.flatMap((part) => part.items);
}

const FIXED_ANSWERS: Readonly<Record<Exclude<AnswerType, 'choice' | 'text'>, readonly string[]>> = {
  yes_no: ['yes', 'no'],
  yes_no_unknown: ['yes', 'no', UNKNOWN_ANSWER],
  // "Not enough information" is its own answer on a rating scale too.
  scale_0_2: ['0', '1', '2', UNKNOWN_ANSWER],
};

/** The answers an item accepts, or null for free text (any text up to the limit). */
export function answerValuesFor(item: Pick<InstrumentItem, 'answerType' | 'options'>): readonly string[] | null {
  switch (item.answerType) {
    case 'yes_no':
    case 'yes_no_unknown':
    case 'scale_0_2':
      return FIXED_ANSWERS[item.answerType];
    case 'choice':
      return (item.options ?? []).map((option) => option.value);
    case 'text':
      return null;
    default: {
      const unreachable: never = item.answerType;
      return unreachable;
    }
  }
}

function answerOf(answers: InstrumentAnswers, itemId: string): unknown {
  // SECURITY: item ids such as 'constructor' must not read inherited properties of the record.
  return Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
}

function isUnanswered(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

function isValidAnswer(item: InstrumentItem, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const allowed = answerValuesFor(item);
  return allowed === null ? value.length <= INSTRUMENT_LIMITS.textAnswerLength : allowed.includes(value);
}

/**
 * Checks answers against an instrument: required items answered, no unknown items, every answer
 * valid for its item. Returns every fault; an empty list means the answers are valid.
 * An empty string is "unanswered"; "unknown" is an answer.
 */
export function validateAnswers(instrument: InstrumentDefinition, answers: InstrumentAnswers): InstrumentError[] {
  const errors: InstrumentError[] = [];
  const items = instrumentItems(instrument);
  const itemIds = new Set(items.map((item) => item.id));
  for (const key of Object.keys(answers)) {
    if (!itemIds.has(key)) errors.push(instrumentError('unknown_item', `answers.${key}`, { value: key }));
  }
  for (const item of items) {
    const value = answerOf(answers, item.id);
    const path = `answers.${item.id}`;
    const details = { itemId: item.id, itemText: item.text };
    if (isUnanswered(value)) {
      if (item.required) errors.push(instrumentError('answer_required', path, details));
    } else if (item.answerType === 'text' && typeof value === 'string' && !isValidAnswer(item, value)) {
      errors.push(instrumentError('answer_too_long', path, { ...details, max: INSTRUMENT_LIMITS.textAnswerLength }));
    } else if (!isValidAnswer(item, value)) {
      errors.push(instrumentError('invalid_answer', path, { ...details, value, allowed: answerValuesFor(item) ?? [] }));
    }
  }
  return errors;
}

/**
 * What the answers show: acute items, critical items answered yes / 2 / acute, unknown and
 * unanswered items. Invalid answers are ignored; validate first. Nothing is summed.
 */
export function evaluateAnswers(instrument: InstrumentDefinition, answers: InstrumentAnswers): InstrumentEvaluation {
  const evaluation: InstrumentEvaluation = {
    acute: false,
    acuteItemIds: [],
    criticalItemIds: [],
    unknownItemIds: [],
    unansweredItemIds: [],
    suggestedJudgement: null,
  };
  for (const item of instrumentItems(instrument)) {
    const value = answerOf(answers, item.id);
    if (isUnanswered(value)) {
      evaluation.unansweredItemIds.push(item.id);
      continue;
    }
    if (!isValidAnswer(item, value)) continue;
    const isAcute = (item.acuteAnswers ?? []).includes(value);
    if (isAcute) evaluation.acuteItemIds.push(item.id);
    if (item.critical === true && (isAcute || value === 'yes' || (item.answerType === 'scale_0_2' && value === '2'))) {
      evaluation.criticalItemIds.push(item.id);
    }
    if (item.answerType !== 'text' && value === UNKNOWN_ANSWER) evaluation.unknownItemIds.push(item.id);
  }
  evaluation.acute = evaluation.acuteItemIds.length > 0;
  // SECURITY: an acute answer can never be judged down; below acute the professional decides.
  evaluation.suggestedJudgement = evaluation.acute ? 'acute' : null;
  return evaluation;
}

/**
 * Checks the professional's summary judgement: it must be one of the instrument's levels, and it
 * can never be lower than 'acute' when an answer is acute.
 */
export function validateJudgement(
  instrument: InstrumentDefinition,
  evaluation: Pick<InstrumentEvaluation, 'acute'>,
  level: string,
): InstrumentError[] {
  const levels: readonly string[] = instrument.judgement.levels;
  if (!levels.includes(level)) {
    return [instrumentError('unknown_judgement_level', 'judgement', { value: level, allowed: levels })];
  }
  if (evaluation.acute && level !== 'acute') return [instrumentError('judgement_below_acute', 'judgement')];
  return [];
}

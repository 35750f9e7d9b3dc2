import { z } from 'zod';
import { INT4_MAX, isStorableText } from '../schemas/edge.schemas.ts';

/** The kinds of structured instrument: the hotline's first checklist, and the later risk analysis. */
export const INSTRUMENT_KINDS = ['checklist', 'risk_analysis'] as const;

/** A kind of instrument. */
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/** How an item is answered. */
export const ANSWER_TYPES = ['yes_no', 'yes_no_unknown', 'scale_0_2', 'choice', 'text'] as const;

/** How an item is answered. */
export type AnswerType = (typeof ANSWER_TYPES)[number];

/**
 * The answer "unknown" / "not enough information".
 * SECURITY: it is an answer of its own and is never counted as "no" or "absent": a threat nobody
 * has asked about is not a threat that does not exist.
 */
export const UNKNOWN_ANSWER = 'unknown';

/** The summary judgement levels of each kind, lowest first. The professional chooses; nothing sums them. */
export const JUDGEMENT_LEVELS_BY_KIND = {
  checklist: ['none', 'low', 'elevated', 'acute'],
  risk_analysis: ['low', 'moderate', 'high', 'acute'],
} as const satisfies Readonly<Record<InstrumentKind, readonly string[]>>;

/** Every judgement level of any kind. */
export const JUDGEMENT_LEVELS = ['none', 'low', 'elevated', 'moderate', 'high', 'acute'] as const;

/** A summary judgement level. */
export type JudgementLevel = (typeof JUDGEMENT_LEVELS)[number];

/** Limits that keep an imported definition to a sane size. */
export const INSTRUMENT_LIMITS = {
  parts: 30,
  itemsPerPart: 100,
  options: 30,
  nameLength: 200,
  itemTextLength: 1000,
  helpLength: 4000,
  textAnswerLength: 4000,
} as const;

/** An instrument id: 3–64 characters from a–z, 0–9 and '-'. */
export const instrumentIdSchema = z.string({ error: 'invalid_instrument_id' }).regex(/^[a-z0-9-]{3,64}$/, {
  error: 'invalid_instrument_id',
});

/** An instrument version: a positive whole number. A completed instrument keeps the version it was made with. */
export const instrumentVersionSchema = z
  .number({ error: 'invalid_version' })
  .int({ error: 'invalid_version' })
  .positive({ error: 'invalid_version' })
  // Stored in an `integer` column: a larger number would be a 500 from the database.
  .max(INT4_MAX, { error: 'invalid_version' });

/**
 * A part, item or option id: 1–64 characters from a–z, 0–9, '_' and '-', starting with a letter or digit.
 * SECURITY: item ids key answer records; the pattern keeps out '__proto__', and code that reads
 * answers still uses `Object.hasOwn` because 'constructor' fits the pattern.
 */
export const instrumentKeySchema = z.string({ error: 'invalid_id' }).regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
  error: 'invalid_id',
});

const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'missing_translation' : 'invalid_type') })
    .trim()
    .min(1, { error: 'missing_translation' })
    .max(max, { error: 'too_long' });

/** A text in both interface languages; neither may be missing or empty. */
export const bilingualText = (max: number) =>
  z.strictObject({ sv: requiredText(max), en: requiredText(max) }, { error: 'invalid_type' });

/** A text in both interface languages. */
export type BilingualText = { sv: string; en: string };

const optionSchema = z.strictObject(
  { value: instrumentKeySchema, label: bilingualText(INSTRUMENT_LIMITS.nameLength) },
  { error: 'invalid_type' },
);

const itemSchema = z.strictObject(
  {
    id: instrumentKeySchema,
    text: bilingualText(INSTRUMENT_LIMITS.itemTextLength),
    help: bilingualText(INSTRUMENT_LIMITS.helpLength).optional(),
    answerType: z.enum(ANSWER_TYPES, { error: 'unknown_answer_type' }),
    // Whether options belong (only and always with 'choice') is checked with the other cross-field rules.
    options: z
      .array(optionSchema, { error: 'invalid_type' })
      .max(INSTRUMENT_LIMITS.options, { error: 'too_many' })
      .optional(),
    required: z.boolean({ error: 'invalid_type' }),
    critical: z.boolean({ error: 'invalid_type' }).optional(),
    acuteAnswers: z.array(z.string({ error: 'invalid_type' }), { error: 'invalid_type' }).optional(),
  },
  { error: 'invalid_type' },
);

const partSchema = z.strictObject(
  {
    id: instrumentKeySchema,
    title: bilingualText(INSTRUMENT_LIMITS.nameLength),
    items: z
      .array(itemSchema, { error: 'invalid_type' })
      .min(1, { error: 'empty_items' })
      .max(INSTRUMENT_LIMITS.itemsPerPart, { error: 'too_many' }),
  },
  { error: 'invalid_type' },
);

/**
 * The shape of an instrument definition. Cross-field rules (unique ids, options only with
 * 'choice', valid acute answers, the kind's judgement levels) are checked by
 * `parseInstrumentDefinition`, which is the one way to accept a definition.
 */
export const instrumentDefinitionShape = z.strictObject(
  {
    id: instrumentIdSchema,
    version: instrumentVersionSchema,
    kind: z.enum(INSTRUMENT_KINDS, { error: 'unknown_kind' }),
    name: bilingualText(INSTRUMENT_LIMITS.nameLength),
    description: bilingualText(INSTRUMENT_LIMITS.helpLength).optional(),
    parts: z
      .array(partSchema, { error: 'invalid_type' })
      .min(1, { error: 'empty_parts' })
      .max(INSTRUMENT_LIMITS.parts, { error: 'too_many' }),
    judgement: z.strictObject(
      {
        levels: z.array(z.enum(JUDGEMENT_LEVELS, { error: 'invalid_judgement_levels' }), {
          error: 'invalid_judgement_levels',
        }),
        label: bilingualText(INSTRUMENT_LIMITS.nameLength),
      },
      { error: 'invalid_type' },
    ),
  },
  { error: 'invalid_type' },
);

/** A validated instrument definition. */
export type InstrumentDefinition = z.output<typeof instrumentDefinitionShape>;
/** One part of an instrument. */
export type InstrumentPart = InstrumentDefinition['parts'][number];
/** One item (question) of an instrument. */
export type InstrumentItem = InstrumentPart['items'][number];
/** One option of a 'choice' item. */
export type InstrumentOption = NonNullable<InstrumentItem['options']>[number];

/** The answers to an instrument: item id → answer value. An absent or empty answer is unanswered. */
export type InstrumentAnswers = Readonly<Record<string, string>>;

/** The reference a completed instrument keeps: which definition, which version, which answers. */
export const instrumentAnswersBody = z.object({
  instrumentId: instrumentIdSchema,
  instrumentVersion: instrumentVersionSchema,
  answers: z
    .record(
      instrumentKeySchema,
      z
        .string()
        .max(INSTRUMENT_LIMITS.textAnswerLength, { error: 'too_long' })
        .refine(isStorableText, { error: 'unsafe_text' }),
    )
    .refine((answers) => Object.keys(answers).length <= INSTRUMENT_LIMITS.parts * INSTRUMENT_LIMITS.itemsPerPart, {
      error: 'too_many',
    }),
  /** The professional's summary judgement (one of the instrument's levels); checked by validateJudgement. */
  judgement: z.string().max(32).optional(),
});
/** The reference a completed instrument keeps: which definition, which version, which answers. */
export type InstrumentAnswersBody = z.infer<typeof instrumentAnswersBody>;

import { ANSWER_TYPES, INSTRUMENT_KINDS, type BilingualText } from './instrument.schema.ts';

/** Every fault an instrument definition, a set of answers or a judgement can have. */
export const INSTRUMENT_ERROR_CODES = [
  'invalid_json',
  'invalid_type',
  'required',
  'unknown_field',
  'invalid_instrument_id',
  'invalid_version',
  'invalid_id',
  'unknown_kind',
  'unknown_answer_type',
  'missing_translation',
  'too_long',
  'too_many',
  'empty_parts',
  'empty_items',
  'duplicate_part_id',
  'duplicate_item_id',
  'duplicate_option_value',
  'options_required',
  'too_few_options',
  'options_not_allowed',
  'invalid_acute_answer',
  'duplicate_acute_answer',
  'acute_answers_not_allowed',
  'invalid_judgement_levels',
  'risk_item_not_rated',
  'answer_required',
  'unknown_item',
  'invalid_answer',
  'answer_too_long',
  'unknown_judgement_level',
  'judgement_below_acute',
] as const;

/** A fault code of an instrument definition, answers or judgement. */
export type InstrumentErrorCode = (typeof INSTRUMENT_ERROR_CODES)[number];

/** One fault, where it is, and a message in Swedish and English that says how to put it right. */
export type InstrumentError = { path: string; code: InstrumentErrorCode; message: BilingualText };

/** Details a message may name. */
export type InstrumentErrorDetails = {
  /** The offending value, as given. */
  value?: unknown;
  /** The values that would have been accepted. */
  allowed?: readonly string[];
  /** A limit that was passed. */
  max?: number;
  /** The question the fault is about, in both languages. */
  itemText?: BilingualText;
  /** The id of the item the fault is about. */
  itemId?: string;
};

const CODE_SET: ReadonlySet<string> = new Set(INSTRUMENT_ERROR_CODES);

/** True when `x` is one of the instrument error codes. */
export function isInstrumentErrorCode(x: unknown): x is InstrumentErrorCode {
  return typeof x === 'string' && CODE_SET.has(x);
}

/**
 * Shows a value from an imported definition file safely: quoted, escaped, and cut short. Only an
 * administrator's own definition file is quoted back (ids, kinds, answer types) so its author
 * can find the fault; SECURITY: answers to an instrument are never quoted, they may name a person.
 */
export function quoteImportedValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return JSON.stringify(short);
}

function list(values: readonly string[] | undefined): string {
  return (values ?? []).join(', ');
}

function languageOf(path: string): BilingualText {
  if (path.endsWith('.sv')) return { sv: 'svenska', en: 'Swedish' };
  if (path.endsWith('.en')) return { sv: 'engelska', en: 'English' };
  return { sv: 'svenska och engelska', en: 'Swedish and English' };
}

function question(details: InstrumentErrorDetails): BilingualText {
  if (details.itemText !== undefined) {
    return { sv: `frågan ”${details.itemText.sv}”`, en: `the question "${details.itemText.en}"` };
  }
  const id = quoteImportedValue(details.itemId ?? '');
  return { sv: `frågan ${id}`, en: `the question ${id}` };
}

/** The faults every imported definition file can have, whatever it defines (instruments, life areas). */
export type DefinitionFileFault = 'invalid_json' | 'invalid_type' | 'required' | 'unknown_field';

/** The message of a fault common to every definition file; `value` is already quoted. */
export function definitionFileFaultMessage(code: DefinitionFileFault, value: string): BilingualText {
  switch (code) {
    case 'invalid_json':
      return { sv: 'Filen är inte giltig JSON.', en: 'The file is not valid JSON.' };
    case 'invalid_type':
      return { sv: 'Fel sorts värde här.', en: 'The wrong kind of value here.' };
    case 'required':
      return { sv: 'Uppgiften saknas men måste finnas.', en: 'This is missing but required.' };
    case 'unknown_field':
      return {
        sv: `Okänt fält ${value}. Kontrollera stavningen.`,
        en: `Unknown field ${value}. Check the spelling.`,
      };
  }
}

/** The message for a fault, in Swedish and English. */
export function instrumentErrorMessage(
  code: InstrumentErrorCode,
  path: string,
  details: InstrumentErrorDetails = {},
): BilingualText {
  const value = quoteImportedValue(details.value);
  const allowed = list(details.allowed);
  const q = question(details);
  switch (code) {
    case 'invalid_json':
    case 'invalid_type':
    case 'required':
    case 'unknown_field':
      return definitionFileFaultMessage(code, value);
    case 'invalid_instrument_id':
      return {
        sv: 'Instrumentets id ska vara 3–64 tecken av a–z, 0–9 och bindestreck.',
        en: "The instrument's id must be 3–64 characters from a–z, 0–9 and hyphens.",
      };
    case 'invalid_version':
      return {
        sv: 'Versionen ska vara ett positivt heltal (1, 2, 3 …).',
        en: 'The version must be a positive whole number (1, 2, 3 …).',
      };
    case 'invalid_id':
      return {
        sv: 'Id ska vara 1–64 tecken av a–z, 0–9, understreck och bindestreck, och börja med en bokstav eller siffra.',
        en: 'An id must be 1–64 characters from a–z, 0–9, underscores and hyphens, starting with a letter or digit.',
      };
    case 'unknown_kind':
      return {
        sv: `Okänd instrumenttyp ${value}. Tillåtna typer: ${list(INSTRUMENT_KINDS)}.`,
        en: `Unknown instrument kind ${value}. Allowed kinds: ${list(INSTRUMENT_KINDS)}.`,
      };
    case 'unknown_answer_type':
      return {
        sv: `Okänd svarstyp ${value}. Tillåtna svarstyper: ${list(ANSWER_TYPES)}.`,
        en: `Unknown answer type ${value}. Allowed answer types: ${list(ANSWER_TYPES)}.`,
      };
    case 'missing_translation': {
      const language = languageOf(path);
      return { sv: `Texten på ${language.sv} saknas.`, en: `The ${language.en} text is missing.` };
    }
    case 'too_long':
      return {
        sv: `Texten är för lång: högst ${details.max} tecken.`,
        en: `The text is too long: at most ${details.max} characters.`,
      };
    case 'too_many':
      return { sv: `För många: högst ${details.max}.`, en: `Too many: at most ${details.max}.` };
    case 'empty_parts':
      return { sv: 'Instrumentet måste ha minst en del.', en: 'The instrument must have at least one part.' };
    case 'empty_items':
      return { sv: 'Varje del måste ha minst en fråga.', en: 'Every part must have at least one question.' };
    case 'duplicate_part_id':
      return {
        sv: `Delens id ${value} används redan av en annan del.`,
        en: `The part id ${value} is already used by another part.`,
      };
    case 'duplicate_item_id':
      return {
        sv: `Frågans id ${value} används redan. Frågornas id måste vara unika i hela instrumentet.`,
        en: `The question id ${value} is already used. Question ids must be unique in the whole instrument.`,
      };
    case 'duplicate_option_value':
      return {
        sv: `Svarsalternativet ${value} finns två gånger i ${q.sv}.`,
        en: `The option ${value} is listed twice in ${q.en}.`,
      };
    case 'options_required':
      return {
        sv: `${capitalise(q.sv)} har svarstypen choice men saknar svarsalternativ (options).`,
        en: `${capitalise(q.en)} has the answer type choice but no options.`,
      };
    case 'too_few_options':
      return {
        sv: `${capitalise(q.sv)} behöver minst två svarsalternativ.`,
        en: `${capitalise(q.en)} needs at least two options.`,
      };
    case 'options_not_allowed':
      return {
        sv: `Svarsalternativ (options) hör bara till svarstypen choice, inte till ${value}.`,
        en: `Options belong only to the answer type choice, not to ${value}.`,
      };
    case 'invalid_acute_answer':
      return {
        sv: `Det akuta svaret ${value} är inget giltigt svar på ${q.sv}. Giltiga svar: ${allowed}.`,
        en: `The acute answer ${value} is not a valid answer to ${q.en}. Valid answers: ${allowed}.`,
      };
    case 'duplicate_acute_answer':
      return { sv: `Det akuta svaret ${value} står två gånger.`, en: `The acute answer ${value} is listed twice.` };
    case 'acute_answers_not_allowed':
      return {
        sv: 'En fritextfråga kan inte ha akuta svar; använd svarstypen yes_no, yes_no_unknown, scale_0_2 eller choice.',
        en: 'A free-text question cannot have acute answers; use the answer type yes_no, yes_no_unknown, scale_0_2 or choice.',
      };
    case 'invalid_judgement_levels':
      return {
        sv: `Bedömningsnivåerna ska vara exakt, i denna ordning: ${allowed}.`,
        en: `The judgement levels must be exactly, in this order: ${allowed}.`,
      };
    case 'risk_item_not_rated':
      return {
        sv: `${capitalise(q.sv)} ska ha svarstypen scale_0_2: en riskanalys bedömer varje faktor 0, 1 eller 2, eller ”otillräcklig information”.`,
        en: `${capitalise(q.en)} must have the answer type scale_0_2: a risk analysis rates every item 0, 1 or 2, or "not enough information".`,
      };
    case 'answer_required':
      return {
        sv: `${capitalise(q.sv)} måste besvaras. Går det inte att veta, välj ”vet ej” om det finns.`,
        en: `${capitalise(q.en)} must be answered. If it cannot be known, choose "unknown" where offered.`,
      };
    case 'unknown_item':
      return {
        sv: 'Det finns ingen fråga med det id:t i den här versionen av instrumentet.',
        en: 'There is no question with that id in this version of the instrument.',
      };
    case 'invalid_answer':
      return {
        sv: `Svaret är inget giltigt svar på ${q.sv}. Giltiga svar: ${allowed}.`,
        en: `The answer is not a valid answer to ${q.en}. Valid answers: ${allowed}.`,
      };
    case 'answer_too_long':
      return {
        sv: `Svaret på ${q.sv} är för långt: högst ${details.max} tecken.`,
        en: `The answer to ${q.en} is too long: at most ${details.max} characters.`,
      };
    case 'unknown_judgement_level':
      return {
        sv: `Okänd bedömningsnivå. Välj en av: ${allowed}.`,
        en: `Unknown judgement level. Choose one of: ${allowed}.`,
      };
    case 'judgement_below_acute':
      return {
        sv: 'Minst ett svar är akut, så bedömningen måste vara akut.',
        en: 'At least one answer is acute, so the judgement must be acute.',
      };
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds one fault with its bilingual message. */
export function instrumentError(
  code: InstrumentErrorCode,
  path: string,
  details: InstrumentErrorDetails = {},
): InstrumentError {
  return { path, code, message: instrumentErrorMessage(code, path, details) };
}

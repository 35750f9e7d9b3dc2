import { z } from 'zod';
import { definitionFileFaultMessage, quoteImportedValue } from '../instruments/instrument-errors.ts';
import { instrumentIdSchema, instrumentKeySchema, instrumentVersionSchema } from '../instruments/instrument.schema.ts';
import { isStorableText } from '../schemas/edge.schemas.ts';
import type { Section } from '../sections.ts';

/*
 * The life areas of a mapping (kartläggning), as data: a versioned definition, like the
 * instruments. A saved mapping keeps the version it was made with, so old mappings stay readable
 * after an administrator imports a new version.
 */

/**
 * The sections a life area may belong to. The area's section decides who sees it (the policy
 * matrix and consent coverage, through `mapping:read` and the section's own read).
 * SECURITY: never `identity`, `threat` or `protection`: a mapping is shared with partners, and an
 * area there would carry the most sensitive data out under a less sensitive name.
 */
export const MAPPING_AREA_SECTIONS = ['plan', 'economy', 'support', 'followup'] as const satisfies readonly Section[];

/** A section a life area may belong to. */
export type MappingAreaSection = (typeof MAPPING_AREA_SECTIONS)[number];

/** Limits that keep an imported definition to a sane size. */
export const MAPPING_DEFINITION_LIMITS = { areas: 40, nameLength: 200, helpLength: 2000 } as const;

/** Every fault a mapping definition can have. */
export const MAPPING_DEFINITION_ERROR_CODES = [
  'invalid_json',
  'invalid_type',
  'required',
  'unknown_field',
  'invalid_definition_id',
  'invalid_version',
  'invalid_id',
  'missing_translation',
  'too_long',
  'too_many',
  'empty_areas',
  'duplicate_area_id',
  'invalid_section',
] as const;

/** A fault code of a mapping definition. */
export type MappingDefinitionErrorCode = (typeof MAPPING_DEFINITION_ERROR_CODES)[number];

/** One fault of a definition: where, which, and how to put it right in Swedish and English. */
export type MappingDefinitionError = {
  path: string;
  code: MappingDefinitionErrorCode;
  message: { sv: string; en: string };
};

const CODE_SET: ReadonlySet<string> = new Set(MAPPING_DEFINITION_ERROR_CODES);

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'missing_translation' : 'invalid_type') })
    .trim()
    .min(1, { error: 'missing_translation' })
    .max(max, { error: 'too_long' })
    .refine(isStorableText, { error: 'invalid_type' });
const bilingual = (max: number) => z.strictObject({ sv: text(max), en: text(max) }, { error: 'invalid_type' });

/** One life area: its id, the section that guards it, its name and guidance in both languages. */
export const mappingAreaDefinitionSchema = z.strictObject(
  {
    id: instrumentKeySchema,
    section: z.enum(MAPPING_AREA_SECTIONS, { error: 'invalid_section' }),
    name: bilingual(MAPPING_DEFINITION_LIMITS.nameLength),
    help: bilingual(MAPPING_DEFINITION_LIMITS.helpLength).optional(),
  },
  { error: 'invalid_type' },
);

/** The shape of a mapping definition; cross-field rules (unique area ids) are checked by the parser. */
export const mappingDefinitionShape = z.strictObject(
  {
    id: instrumentIdSchema,
    version: instrumentVersionSchema,
    name: bilingual(MAPPING_DEFINITION_LIMITS.nameLength),
    areas: z
      .array(mappingAreaDefinitionSchema, { error: 'invalid_type' })
      .min(1, { error: 'empty_areas' })
      .max(MAPPING_DEFINITION_LIMITS.areas, { error: 'too_many' }),
  },
  { error: 'invalid_type' },
);

/** A life area of a definition. */
export type MappingAreaDefinition = z.infer<typeof mappingAreaDefinitionSchema>;

/** A versioned definition of the life areas. */
export type MappingDefinition = z.infer<typeof mappingDefinitionShape>;

/** The outcome of parsing a definition: the definition, or every fault at once. */
export type MappingDefinitionParseResult =
  { ok: true; value: MappingDefinition } | { ok: false; errors: MappingDefinitionError[] };

/** The message of a fault, in Swedish and English. Only the administrator's own file is quoted back. */
export function mappingDefinitionErrorMessage(
  code: MappingDefinitionErrorCode,
  path: string,
  details: { value?: unknown; max?: number } = {},
): { sv: string; en: string } {
  const value = quoteImportedValue(details.value);
  switch (code) {
    case 'invalid_json':
    case 'invalid_type':
    case 'required':
    case 'unknown_field':
      return definitionFileFaultMessage(code, value);
    case 'invalid_definition_id':
      return {
        sv: 'Definitionens id ska vara 3–64 tecken av a–z, 0–9 och bindestreck.',
        en: "The definition's id must be 3–64 characters from a–z, 0–9 and hyphens.",
      };
    case 'invalid_version':
      return {
        sv: 'Versionen ska vara ett positivt heltal (1, 2, 3 …).',
        en: 'The version must be a positive whole number (1, 2, 3 …).',
      };
    case 'invalid_id':
      return {
        sv: 'Ett områdes id ska vara 1–64 tecken av a–z, 0–9, understreck och bindestreck, och börja med en bokstav eller siffra.',
        en: "An area's id must be 1–64 characters from a–z, 0–9, underscores and hyphens, starting with a letter or digit.",
      };
    case 'missing_translation': {
      const sv = path.endsWith('.en') ? 'engelska' : path.endsWith('.sv') ? 'svenska' : 'svenska och engelska';
      const en = path.endsWith('.en') ? 'English' : path.endsWith('.sv') ? 'Swedish' : 'Swedish and English';
      return { sv: `Texten på ${sv} saknas.`, en: `The ${en} text is missing.` };
    }
    case 'too_long':
      return {
        sv: `Texten är för lång: högst ${details.max} tecken.`,
        en: `The text is too long: at most ${details.max} characters.`,
      };
    case 'too_many':
      return { sv: `För många områden: högst ${details.max}.`, en: `Too many areas: at most ${details.max}.` };
    case 'empty_areas':
      return {
        sv: 'Kartläggningen måste ha minst ett livsområde.',
        en: 'The mapping must have at least one life area.',
      };
    case 'duplicate_area_id':
      return {
        sv: `Områdets id ${value} används redan av ett annat område. Varje område måste ha ett eget id.`,
        en: `The area id ${value} is already used by another area. Every area needs an id of its own.`,
      };
    case 'invalid_section':
      return {
        sv: `Okänd eller otillåten sektion ${value}. Tillåtna sektioner: ${MAPPING_AREA_SECTIONS.join(', ')}.`,
        en: `Unknown or disallowed section ${value}. Allowed sections: ${MAPPING_AREA_SECTIONS.join(', ')}.`,
      };
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

function fault(code: MappingDefinitionErrorCode, path: string, details: { value?: unknown; max?: number } = {}) {
  return { path, code, message: mappingDefinitionErrorMessage(code, path, details) };
}

function pathString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function fromZodIssue(issue: z.core.$ZodIssue): MappingDefinitionError[] {
  const path = pathString(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => fault('unknown_field', pathString([...issue.path, key]), { value: key }));
  }
  const input = 'input' in issue ? issue.input : undefined;
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && input === undefined;
  if (missing && issue.message !== 'missing_translation') return [fault('required', path)];
  if (issue.code === 'too_big') {
    return [fault(issue.message === 'too_many' ? 'too_many' : 'too_long', path, { max: Number(issue.maximum) })];
  }
  if (path === 'id') return [fault('invalid_definition_id', path)];
  const code = CODE_SET.has(issue.message) ? (issue.message as MappingDefinitionErrorCode) : 'invalid_type';
  return [fault(code, path, { value: input })];
}

function duplicateAreaIds(input: unknown): MappingDefinitionError[] {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { areas?: unknown }).areas)) return [];
  const seen = new Set<string>();
  const errors: MappingDefinitionError[] = [];
  (input as { areas: unknown[] }).areas.forEach((area, index) => {
    const id = typeof area === 'object' && area !== null ? (area as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) errors.push(fault('duplicate_area_id', `areas[${index}].id`, { value: id }));
    seen.add(id);
  });
  return errors;
}

/**
 * Parses a mapping definition (an object, or JSON text from an imported file). Reports every
 * fault at once, each with its path and a message in Swedish and English; never throws.
 */
export function parseMappingDefinition(json: unknown): MappingDefinitionParseResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch {
      return { ok: false, errors: [fault('invalid_json', '')] };
    }
  }
  const shape = mappingDefinitionShape.safeParse(input, { reportInput: true });
  const errors = [...(shape.success ? [] : shape.error.issues.flatMap(fromZodIssue)), ...duplicateAreaIds(input)];
  if (errors.length > 0 || !shape.success) return { ok: false, errors };
  return { ok: true, value: shape.data };
}

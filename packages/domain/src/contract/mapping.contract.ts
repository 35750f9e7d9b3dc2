import { z } from 'zod';
import { MAPPING_AREA_SECTIONS } from '../mapping/mapping-definition.ts';
import { MAPPING_NEEDS, MAPPING_TEXT_FIELDS, MAPPING_TEXT_MAX } from '../mapping/mapping.ts';
import { instrumentIdSchema, instrumentKeySchema, instrumentVersionSchema } from '../instruments/instrument.schema.ts';
import { idSchema, optionalText } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// The mapping (kartläggning) of a case: life areas from a versioned definition, each with the
// situation in the person's and staff's words, the need, opportunities, obstacles and the
// person's own goal. SECURITY: every text is personal data, stored under the case key; an area
// the reader's role or consent does not cover is left out of every answer.

const bilingual = z.object({ sv: z.string(), en: z.string() });

/** One area of a new mapping. An area left out of the body is recorded as not yet known. */
export const mappingAreaInput = z.strictObject({
  areaId: instrumentKeySchema,
  need: z.enum(MAPPING_NEEDS),
  ownWords: optionalText(MAPPING_TEXT_MAX),
  staffWords: optionalText(MAPPING_TEXT_MAX),
  opportunities: optionalText(MAPPING_TEXT_MAX),
  obstacles: optionalText(MAPPING_TEXT_MAX),
  ownGoal: optionalText(MAPPING_TEXT_MAX),
});
/** One area of a new mapping. */
export type MappingAreaInput = z.infer<typeof mappingAreaInput>;

/** The body of saving a new mapping; `previousMappingId` when it starts from an earlier one. */
export const createMappingBody = z.strictObject({
  definitionId: instrumentIdSchema,
  definitionVersion: instrumentVersionSchema,
  previousMappingId: idSchema.optional(),
  areas: z.array(mappingAreaInput).max(40),
});
/** The body of saving a new mapping. */
export type CreateMappingBody = z.infer<typeof createMappingBody>;

/** An area of a definition as the form shows it. */
export const mappingAreaDefinitionView = z.object({
  id: z.string(),
  section: z.enum(MAPPING_AREA_SECTIONS),
  name: bilingual,
  help: bilingual.nullable(),
});

/** The definition a new mapping is made with, with only the areas the reader may see. */
export const mappingDefinitionView = z.object({
  id: z.string(),
  version: z.number().int(),
  name: bilingual,
  areas: z.array(mappingAreaDefinitionView),
});
export type MappingDefinitionView = z.infer<typeof mappingDefinitionView>;

const textFields = Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<
  (typeof MAPPING_TEXT_FIELDS)[number],
  z.ZodNullable<z.ZodString>
>;

/** One recorded area of a saved mapping. */
export const mappingAreaView = z.object({
  areaId: z.string(),
  section: z.enum(MAPPING_AREA_SECTIONS),
  name: bilingual,
  need: z.enum(MAPPING_NEEDS),
  ...textFields,
});
export type MappingAreaView = z.infer<typeof mappingAreaView>;

/** What changed in one area from the mapping compared with; texts are named, never quoted. */
export const mappingAreaChangeView = z.object({
  areaId: z.string(),
  need: z.object({ from: z.enum(MAPPING_NEEDS), to: z.enum(MAPPING_NEEDS) }).nullable(),
  changedFields: z.array(z.enum(MAPPING_TEXT_FIELDS)),
});

/** A saved mapping: the areas the reader may see, and what changed in them. */
export const mappingView = z.object({
  id: idSchema,
  definitionId: z.string(),
  definitionVersion: z.number().int(),
  definitionName: bilingual.nullable(),
  previousMappingId: idSchema.nullable(),
  createdAt: isoInstant,
  createdBy: idSchema,
  areas: z.array(mappingAreaView),
  changes: z.object({ comparedWith: idSchema, areas: z.array(mappingAreaChangeView) }).nullable(),
});
export type MappingView = z.infer<typeof mappingView>;

/** The mapping section of a case: its mappings newest first, and the definition a new one uses. */
export const mappingSectionResponse = z.object({
  mappings: z.array(mappingView),
  definition: mappingDefinitionView.nullable(),
});
export type MappingSection = z.infer<typeof mappingSectionResponse>;

/** The answer to saving a mapping. */
export const mappingCreatedResponse = z.object({ mapping: z.object({ id: idSchema }) });

/** A mapping definition available in the programme. */
export const mappingDefinitionSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: bilingual,
  areas: z.number().int(),
  builtin: z.boolean(),
});
export const mappingDefinitionsResponse = z.object({ definitions: z.array(mappingDefinitionSummary) });

/**
 * The body of importing a definition, as OpenAPI describes it. The server judges it with the
 * domain's `parseMappingDefinition`, which lists every fault at once in both languages; this
 * schema is loose so that nothing the parser should report (an unknown field) is stripped first.
 */
export const mappingDefinitionImportBody = z.looseObject({
  id: z.string(),
  version: z.number(),
  name: z.looseObject({ sv: z.string(), en: z.string() }),
  areas: z.array(
    z.looseObject({
      id: z.string(),
      section: z.string(),
      name: z.looseObject({ sv: z.string(), en: z.string() }),
      help: z.looseObject({ sv: z.string(), en: z.string() }).optional(),
    }),
  ),
});

/** The answer to importing a definition. */
export const mappingDefinitionImported = z.object({ id: z.string(), version: z.number().int() });

import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns.ts';
import { caseIdColumn, programmeIdColumn, userRefColumn } from './owned-columns.ts';

// Tables of the mapping (kartläggning): the programme's imported definitions of the life areas,
// the mappings of a case, and one row per recorded area.
// SECURITY: everything a person said or staff wrote about an area, and its need, is ciphertext
// under the case's key. Only the area's id and the section that guards it are in clear, so that
// an area the reader may not see is never decrypted.

/** Definitions of the life areas an administrator imported; the built-in ones live in the domain. */
export const mappingDefinitions = pgTable(
  'mapping_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeIdColumn(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    importedBy: userRefColumn('imported_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mapping_definitions_key_version_idx').on(t.programmeId, t.key, t.version)],
);

/** One mapping of a case, made with one version of a definition; it may start from an earlier one. */
export const mappings = pgTable(
  'mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeIdColumn(),
    caseId: caseIdColumn(),
    definitionKey: text('definition_key').notNull(),
    definitionVersion: integer('definition_version').notNull(),
    previousId: uuid('previous_id'),
    createdBy: userRefColumn('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mappings_case_idx').on(t.caseId)],
);

/** One recorded life area of a mapping: need and texts encrypted, the guarding section in clear. */
export const mappingAreas = pgTable(
  'mapping_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeIdColumn(),
    caseId: caseIdColumn(),
    mappingId: uuid('mapping_id')
      .notNull()
      .references(() => mappings.id),
    areaKey: text('area_key').notNull(),
    section: text('section').notNull(),
    contentEnc: bytea('content_enc').notNull(),
  },
  (t) => [uniqueIndex('mapping_areas_mapping_area_idx').on(t.mappingId, t.areaKey)],
);

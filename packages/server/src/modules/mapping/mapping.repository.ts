import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { MappingDefinition } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { mappingAreas, mappingDefinitions, mappings } from '../../db/schema.ts';

// SQL of the mapping (kartläggning): definitions, mappings and their areas; scoped to the programme.

/** An imported definition by key and version in the programme, or null. */
export async function findImportedMappingDefinition(
  tx: Tx,
  programmeId: string,
  key: string,
  version: number,
): Promise<MappingDefinition | null> {
  const [row] = await tx
    .select({ definition: mappingDefinitions.definition })
    .from(mappingDefinitions)
    .where(
      and(
        eq(mappingDefinitions.programmeId, programmeId),
        eq(mappingDefinitions.key, key),
        eq(mappingDefinitions.version, version),
      ),
    );
  return row ? (row.definition as MappingDefinition) : null;
}

/** The programme's imported definitions, oldest import first. */
export async function importedMappingDefinitions(tx: Tx, programmeId: string): Promise<MappingDefinition[]> {
  const rows = await tx
    .select({ definition: mappingDefinitions.definition })
    .from(mappingDefinitions)
    .where(eq(mappingDefinitions.programmeId, programmeId))
    .orderBy(asc(mappingDefinitions.createdAt), asc(mappingDefinitions.id));
  return rows.map((r) => r.definition as MappingDefinition);
}

export async function insertMappingDefinition(
  tx: Tx,
  programmeId: string,
  definition: MappingDefinition,
  importedBy: string,
): Promise<void> {
  await tx
    .insert(mappingDefinitions)
    .values({ programmeId, key: definition.id, version: definition.version, definition, importedBy });
}

/** The mappings of one case, newest first. */
export async function mappingsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(mappings)
    .where(and(eq(mappings.programmeId, programmeId), eq(mappings.caseId, caseId)))
    .orderBy(desc(mappings.createdAt), desc(mappings.id));
}

export async function findMapping(tx: Tx, programmeId: string, caseId: string, id: string) {
  const [row] = await tx
    .select({ id: mappings.id })
    .from(mappings)
    .where(and(eq(mappings.programmeId, programmeId), eq(mappings.caseId, caseId), eq(mappings.id, id)));
  return row ?? null;
}

/**
 * The recorded areas of a case's mappings in the given sections only.
 * SECURITY: an area of a section the reader may not see is never loaded, let alone decrypted.
 */
export async function mappingAreasOf(tx: Tx, programmeId: string, caseId: string, sections: readonly string[]) {
  if (sections.length === 0) return [];
  return tx
    .select()
    .from(mappingAreas)
    .where(
      and(
        eq(mappingAreas.programmeId, programmeId),
        eq(mappingAreas.caseId, caseId),
        inArray(mappingAreas.section, [...sections]),
      ),
    );
}

/** Inserts a mapping and its areas (one statement each, in the caller's transaction). */
export async function insertMapping(
  tx: Tx,
  mapping: typeof mappings.$inferInsert,
  areas: (typeof mappingAreas.$inferInsert)[],
): Promise<void> {
  await tx.insert(mappings).values(mapping);
  if (areas.length > 0) await tx.insert(mappingAreas).values(areas);
}

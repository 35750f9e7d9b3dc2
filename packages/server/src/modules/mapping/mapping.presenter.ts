import {
  MAPPING_TEXT_FIELDS,
  type MappingAreaChange,
  type MappingAreaRecord,
  type MappingDefinition,
  type MappingDefinitionView,
  type MappingView,
  type Section,
} from '@utvag/domain';

// What leaves of a mapping: only the areas the reader may see (the service has already left the
// others out), in the definition's order, with names from the version the mapping was made with.

/** The definition a new mapping uses, with only the areas in `readable` sections. */
export function presentDefinition(definition: MappingDefinition, readable: readonly Section[]): MappingDefinitionView {
  return {
    id: definition.id,
    version: definition.version,
    name: definition.name,
    areas: definition.areas
      .filter((a) => readable.includes(a.section))
      .map((a) => ({ id: a.id, section: a.section, name: a.name, help: a.help ?? null })),
  };
}

/** One saved mapping. */
export function presentMapping(
  row: {
    id: string;
    definitionKey: string;
    definitionVersion: number;
    previousId: string | null;
    createdAt: Date;
    createdBy: string;
  },
  definition: MappingDefinition | null,
  areas: readonly (MappingAreaRecord & { section: MappingView['areas'][number]['section'] })[],
  changes: { comparedWith: string; areas: MappingAreaChange[] } | null,
): MappingView {
  const order = new Map((definition?.areas ?? []).map((a, i) => [a.id, i]));
  const names = new Map((definition?.areas ?? []).map((a) => [a.id, a.name]));
  const sorted = [...areas].sort((a, b) => (order.get(a.areaId) ?? 999) - (order.get(b.areaId) ?? 999));
  return {
    id: row.id,
    definitionId: row.definitionKey,
    definitionVersion: row.definitionVersion,
    definitionName: definition?.name ?? null,
    previousMappingId: row.previousId,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    areas: sorted.map((a) => ({
      areaId: a.areaId,
      section: a.section,
      name: names.get(a.areaId) ?? { sv: a.areaId, en: a.areaId },
      need: a.need,
      ...Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, a[f] ?? null])),
    })) as MappingView['areas'],
    changes,
  };
}

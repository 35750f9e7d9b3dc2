import type { MappingDefinition } from './mapping-definition.ts';

/**
 * How great the person's need is in a life area.
 * SECURITY: `not_yet_known` is a rating of its own and is never counted as `none`: an area nobody
 * has asked about is not an area without needs. An area left out of a mapping is `not_yet_known`.
 */
export const MAPPING_NEEDS = ['none', 'some', 'great', 'not_yet_known'] as const;

/** A need rating. */
export type MappingNeed = (typeof MAPPING_NEEDS)[number];

/** The rating an area gets when nothing was recorded for it. */
export const UNASSESSED_NEED: MappingNeed = 'not_yet_known';

/** The free-text fields of an area, all encrypted under the case key. */
export const MAPPING_TEXT_FIELDS = ['ownWords', 'staffWords', 'opportunities', 'obstacles', 'ownGoal'] as const;

/** A free-text field of an area. */
export type MappingTextField = (typeof MAPPING_TEXT_FIELDS)[number];

/** The longest free text of one field. */
export const MAPPING_TEXT_MAX = 4000;

/** One area as recorded. */
export type MappingAreaRecord = { areaId: string; need: MappingNeed } & Partial<
  Record<MappingTextField, string | null>
>;

/** The count of areas per need; `not_yet_known` includes the areas left out. */
export type NeedSummary = Readonly<Record<MappingNeed, number>>;

/** The need of every area of the definition; an area with no record is `not_yet_known`. */
export function needsByArea(
  definition: Pick<MappingDefinition, 'areas'>,
  areas: readonly MappingAreaRecord[],
): Map<string, MappingNeed> {
  const recorded = new Map(areas.map((a) => [a.areaId, a.need]));
  return new Map(definition.areas.map((area) => [area.id, recorded.get(area.id) ?? UNASSESSED_NEED]));
}

/** How many areas have each need; areas left out count as `not_yet_known`, never as `none`. */
export function summariseNeeds(
  definition: Pick<MappingDefinition, 'areas'>,
  areas: readonly MappingAreaRecord[],
): NeedSummary {
  const summary: Record<MappingNeed, number> = { none: 0, some: 0, great: 0, not_yet_known: 0 };
  for (const need of needsByArea(definition, areas).values()) summary[need] += 1;
  return summary;
}

/** True when a need is known to exist (`some` or `great`); `not_yet_known` is not a need found. */
export function isNeedFound(need: MappingNeed): boolean {
  return need === 'some' || need === 'great';
}

/** What changed in one area from the mapping before. Text changes are named by field, never quoted. */
export type MappingAreaChange = {
  areaId: string;
  need: { from: MappingNeed; to: MappingNeed } | null;
  changedFields: MappingTextField[];
};

function textOf(area: MappingAreaRecord | undefined, field: MappingTextField): string {
  return area?.[field] ?? '';
}

/**
 * What changed between two mappings, area by area, over the areas given (the caller passes only
 * the areas the reader may see). An area missing on one side counts as `not_yet_known` with no text.
 */
export function diffMappings(
  previous: readonly MappingAreaRecord[],
  current: readonly MappingAreaRecord[],
): MappingAreaChange[] {
  const before = new Map(previous.map((a) => [a.areaId, a]));
  const after = new Map(current.map((a) => [a.areaId, a]));
  const ids = [...new Set([...after.keys(), ...before.keys()])];
  const changes: MappingAreaChange[] = [];
  for (const areaId of ids) {
    const from = before.get(areaId);
    const to = after.get(areaId);
    const fromNeed = from?.need ?? UNASSESSED_NEED;
    const toNeed = to?.need ?? UNASSESSED_NEED;
    const changedFields = MAPPING_TEXT_FIELDS.filter((field) => textOf(from, field) !== textOf(to, field));
    const need = fromNeed === toNeed ? null : { from: fromNeed, to: toNeed };
    if (need !== null || changedFields.length > 0) changes.push({ areaId, need, changedFields });
  }
  return changes;
}

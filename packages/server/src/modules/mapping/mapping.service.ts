import { randomUUID } from 'node:crypto';
import {
  can,
  diffMappings,
  MAPPING_AREA_SECTIONS,
  MAPPING_NEEDS,
  MAPPING_TEXT_FIELDS,
  sectionAction,
  type CreateMappingBody,
  type MappingAreaRecord,
  type MappingAreaSection,
  type MappingDefinition,
} from '@utvag/domain';
import { z } from 'zod';
import type { DeferredBody, ServiceContext } from '../../service-context.ts';
import { validationFault, validationFaults, type ValidationFault } from '../../http/validation-messages.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { requireCase } from '../cases/case-access.ts';
import type { CaseCrypto } from '../cases/case-crypto.ts';
import { currentMappingDefinition, resolveMappingDefinition } from './mapping-definitions.service.ts';
import { presentDefinition, presentMapping } from './mapping.presenter.ts';
import { findMapping, insertMapping, mappingAreasOf, mappingsOf } from './mapping.repository.ts';

/** The encrypted content of one area: its need and every text. */
const areaContent = z.object({
  need: z.enum(MAPPING_NEEDS),
  ...Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, z.string().nullable()])),
}) as z.ZodType<Omit<MappingAreaRecord, 'areaId'>>;

const TABLE = 'mapping_areas';
const COLUMN = 'content_enc';

/** The sections of mapping areas the actor may `verb` on this case (matrix, reach and consent). */
function sectionsAllowed(
  ctx: ServiceContext,
  resource: Parameters<typeof can>[2],
  verb: 'read' | 'write',
): MappingAreaSection[] {
  return MAPPING_AREA_SECTIONS.filter((section) => can(ctx.actor, sectionAction(section, verb), resource));
}

/** Faults of the areas against the definition: an unknown area, or one given twice. */
function areaFaults(definition: MappingDefinition, body: CreateMappingBody): ValidationFault[] {
  const known = new Set(definition.areas.map((a) => a.id));
  const seen = new Set<string>();
  const faults: ValidationFault[] = [];
  body.areas.forEach((area, index) => {
    if (!known.has(area.areaId)) faults.push({ path: `areas[${index}].areaId`, code: 'unknown_mapping_area' });
    else if (seen.has(area.areaId)) faults.push({ path: `areas[${index}].areaId`, code: 'duplicate_mapping_area' });
    seen.add(area.areaId);
  });
  return faults;
}

/**
 * Saves a new mapping of the case, optionally starting from an earlier one. Every area's need and
 * texts are ciphertext under the case's key; areas left out are not yet known.
 * SECURITY: the body is opened only after the access check, and the writer must be allowed to
 * write every section the definition's areas belong to, so no one writes a mapping whose areas
 * they could not see.
 */
export async function createMapping(ctx: ServiceContext, caseId: string, deferred: DeferredBody<CreateMappingBody>) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'mapping:write');
  const body = deferred();
  const definition = await resolveMappingDefinition(
    ctx.tx,
    ctx.actor.programmeId,
    body.definitionId,
    body.definitionVersion,
  );
  if (!definition) throw validationFault('definitionVersion', 'unknown_mapping_definition');
  const writable = sectionsAllowed(ctx, resource, 'write');
  const needed = [...new Set(definition.areas.map((a) => a.section))];
  if (needed.some((section) => !writable.includes(section))) {
    throw refusal(ctx, 'forbidden', {
      action: 'mapping:write',
      recordType: 'case',
      recordId: caseId,
      details: { sections: needed.join(',') },
    });
  }
  const faults = areaFaults(definition, body);
  if (faults.length > 0) throw validationFaults(faults);
  if (body.previousMappingId && !(await findMapping(ctx.tx, ctx.actor.programmeId, caseId, body.previousMappingId))) {
    throw validationFault('previousMappingId', 'unknown_previous_mapping');
  }
  const id = randomUUID();
  const sectionOf = new Map(definition.areas.map((a) => [a.id, a.section]));
  const areas = body.areas.map((area) => {
    const areaRowId = randomUUID();
    const content = {
      need: area.need,
      ...Object.fromEntries(MAPPING_TEXT_FIELDS.map((f) => [f, area[f] ?? null])),
    };
    return {
      id: areaRowId,
      programmeId: ctx.actor.programmeId,
      caseId,
      mappingId: id,
      areaKey: area.areaId,
      section: sectionOf.get(area.areaId)!,
      contentEnc: crypto.encrypt(TABLE, COLUMN, areaRowId, JSON.stringify(content)),
    };
  });
  await insertMapping(
    ctx.tx,
    {
      id,
      programmeId: ctx.actor.programmeId,
      caseId,
      definitionKey: definition.id,
      definitionVersion: definition.version,
      previousId: body.previousMappingId ?? null,
      createdBy: ctx.actor.userId,
    },
    areas,
  );
  await ctx.audit({
    action: 'mapping:write',
    recordType: 'case',
    recordId: caseId,
    details: { mappingId: id, areas: areas.length },
  });
  return { id };
}

type AreaRow = Awaited<ReturnType<typeof mappingAreasOf>>[number];

function decryptArea(crypto: CaseCrypto, row: AreaRow): MappingAreaRecord & { section: MappingAreaSection } {
  const content = areaContent.parse(JSON.parse(crypto.decrypt(TABLE, COLUMN, row.id, row.contentEnc)));
  return { ...content, areaId: row.areaKey, section: row.section as MappingAreaSection };
}

/**
 * The mapping section of a case: its mappings newest first, each with what changed from the one it
 * started from (or the one before), and the definition a new mapping uses.
 * SECURITY: only areas of sections the reader may read (matrix and consent) are loaded and shown;
 * a reader without `economy` gets the mapping without debts and income, and the changes are
 * computed over the visible areas only, so they tell nothing of the hidden ones.
 */
export async function getMappingSection(ctx: ServiceContext, caseId: string) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'mapping:read');
  const readable = sectionsAllowed(ctx, resource, 'read');
  const rows = await mappingsOf(ctx.tx, ctx.actor.programmeId, caseId);
  const areaRows = await mappingAreasOf(ctx.tx, ctx.actor.programmeId, caseId, readable);
  const areasByMapping = Map.groupBy(
    areaRows.map((r) => ({ mappingId: r.mappingId, area: decryptArea(crypto, r) })),
    (a) => a.mappingId,
  );
  const areasOf = (mappingId: string) => (areasByMapping.get(mappingId) ?? []).map((a) => a.area);
  const definitions = new Map<string, MappingDefinition | null>();
  const definitionOf = async (key: string, version: number) => {
    const at = `${key}@${version}`;
    if (!definitions.has(at)) {
      definitions.set(at, await resolveMappingDefinition(ctx.tx, ctx.actor.programmeId, key, version));
    }
    return definitions.get(at) ?? null;
  };
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mappings = [];
  for (const [index, row] of rows.entries()) {
    const compared = (row.previousId ? byId.get(row.previousId) : undefined) ?? rows[index + 1];
    const definition = await definitionOf(row.definitionKey, row.definitionVersion);
    const changes = compared
      ? { comparedWith: compared.id, areas: diffMappings(areasOf(compared.id), areasOf(row.id)) }
      : null;
    mappings.push(presentMapping(row, definition, areasOf(row.id), changes));
  }
  const current = await currentMappingDefinition(ctx.tx, ctx.actor.programmeId);
  const shown = mappings.reduce((n, m) => n + m.areas.length, 0);
  await ctx.audit({
    action: 'mapping:read',
    recordType: 'case',
    recordId: caseId,
    details: { mappings: mappings.length, areas: shown, sections: readable.join(',') },
  });
  return { mappings, definition: presentDefinition(current, readable) };
}

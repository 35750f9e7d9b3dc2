import {
  AppError,
  authorize,
  BUILTIN_MAPPING_DEFINITIONS,
  findBuiltinMappingDefinition,
  MAPPING_V1,
  parseMappingDefinition,
  programmeOf,
  type MappingDefinition,
} from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import type { ServiceContext } from '../../service-context.ts';
import {
  findImportedMappingDefinition,
  importedMappingDefinitions,
  insertMappingDefinition,
} from './mapping.repository.ts';

// The life areas as data: built-in from the domain, imported per programme by an administrator
// (configuration, not case data: the same rights as the instruments).

/** The definition a mapping was (or is to be) made with; old versions stay readable. */
export async function resolveMappingDefinition(
  tx: Tx,
  programmeId: string,
  key: string,
  version: number,
): Promise<MappingDefinition | null> {
  return findBuiltinMappingDefinition(key, version) ?? findImportedMappingDefinition(tx, programmeId, key, version);
}

/** The definition a new mapping uses: the programme's latest import, else Utväg's own. */
export async function currentMappingDefinition(tx: Tx, programmeId: string): Promise<MappingDefinition> {
  const imported = await importedMappingDefinitions(tx, programmeId);
  return imported.at(-1) ?? MAPPING_V1;
}

/** Every definition available in the programme, built-in first. */
export async function listMappingDefinitions(ctx: ServiceContext) {
  authorize(ctx.actor, 'instrument:read', programmeOf(ctx.actor));
  const imported = await importedMappingDefinitions(ctx.tx, ctx.actor.programmeId);
  return [
    ...BUILTIN_MAPPING_DEFINITIONS.map((d) => ({ d, builtin: true })),
    ...imported.map((d) => ({ d, builtin: false })),
  ].map(({ d, builtin }) => ({ id: d.id, version: d.version, name: d.name, areas: d.areas.length, builtin }));
}

/** Imports a definition of the life areas, reporting every fault at once; a faulty one changes nothing. */
export async function importMappingDefinition(ctx: ServiceContext, json: unknown) {
  authorize(ctx.actor, 'instrument:import', programmeOf(ctx.actor));
  const parsed = parseMappingDefinition(json);
  if (!parsed.ok) {
    throw new AppError('validation', {
      message: 'The mapping definition has faults.',
      messageKey: 'errors.mapping_definition_invalid',
      fieldMessages: parsed.errors.map((e) => ({
        path: e.path,
        messageKey: `mapping_definition.${e.code}`,
        messages: e.message,
      })),
    });
  }
  const definition = parsed.value;
  if (await resolveMappingDefinition(ctx.tx, ctx.actor.programmeId, definition.id, definition.version)) {
    throw new AppError('conflict', {
      message: 'That version of the mapping definition already exists. Give the new one a higher version.',
      messageKey: 'errors.mapping_definition_version_exists',
    });
  }
  await insertMappingDefinition(ctx.tx, ctx.actor.programmeId, definition, ctx.actor.userId);
  await ctx.audit({
    action: 'instrument:import',
    recordType: 'mapping_definition',
    recordId: `${definition.id}@${definition.version}`,
  });
  return { id: definition.id, version: definition.version };
}

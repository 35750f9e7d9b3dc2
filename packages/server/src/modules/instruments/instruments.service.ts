import {
  AppError,
  authorize,
  BUILTIN_INSTRUMENTS,
  findBuiltinInstrument,
  parseInstrumentDefinition,
  type ErrorMessageKey,
  type InstrumentDefinition,
  type InstrumentError,
  programmeOf,
} from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { findImportedDefinition, importedInstruments, insertInstrument } from './instruments.repository.ts';
import type { ServiceContext } from '../../service-context.ts';

/** A 422 whose fields carry every fault of an instrument or its answers, in both languages. */
export function instrumentFaults(
  messageKey: ErrorMessageKey,
  message: string,
  errors: readonly InstrumentError[],
): AppError {
  return new AppError('validation', {
    message,
    messageKey,
    fieldMessages: errors.map((e) => ({ path: e.path, messageKey: `instrument.${e.code}`, messages: e.message })),
  });
}

/**
 * The instrument a checklist was (or is to be) made with: built-in ones from the domain, imported
 * ones from the programme's table. A completed checklist keeps its version, so old versions stay readable.
 */
export async function resolveInstrument(
  tx: Tx,
  programmeId: string,
  key: string,
  version: number,
): Promise<InstrumentDefinition | null> {
  const builtin = findBuiltinInstrument(key, version);
  if (builtin) return builtin;
  return findImportedDefinition(tx, programmeId, key, version);
}

/** Every instrument version available in the programme, built-in first. */
export async function listInstruments(ctx: ServiceContext) {
  authorize(ctx.actor, 'instrument:read', programmeOf(ctx.actor));
  const imported = await importedInstruments(ctx.tx, ctx.actor.programmeId);
  return [
    ...BUILTIN_INSTRUMENTS.map((d) => ({ key: d.id, version: d.version, kind: d.kind, name: d.name, builtin: true })),
    ...imported.map((r) => ({
      key: r.key,
      version: r.version,
      kind: r.definition.kind,
      name: r.definition.name,
      builtin: false,
    })),
  ];
}

export async function getInstrument(ctx: ServiceContext, key: string, version: number): Promise<InstrumentDefinition> {
  authorize(ctx.actor, 'instrument:read', programmeOf(ctx.actor));
  const definition = await resolveInstrument(ctx.tx, ctx.actor.programmeId, key, version);
  if (!definition) throw new AppError('not_found');
  return definition;
}

/** Imports a licensed or local instrument from its JSON definition, reporting every fault at once. */
export async function importInstrument(ctx: ServiceContext, json: unknown) {
  authorize(ctx.actor, 'instrument:import', programmeOf(ctx.actor));
  const parsed = parseInstrumentDefinition(json);
  if (!parsed.ok)
    throw instrumentFaults('errors.instrument_invalid', 'The instrument definition has faults.', parsed.errors);
  const definition = parsed.value;
  if (
    findBuiltinInstrument(definition.id, definition.version) ||
    (await resolveInstrument(ctx.tx, ctx.actor.programmeId, definition.id, definition.version))
  ) {
    throw new AppError('conflict', {
      message: 'That instrument version already exists. Give the new definition a higher version.',
      messageKey: 'errors.instrument_version_exists',
    });
  }
  await insertInstrument(ctx.tx, ctx.actor.programmeId, definition, ctx.actor.userId);
  await ctx.audit({
    action: 'instrument:import',
    recordType: 'instrument',
    recordId: `${definition.id}@${definition.version}`,
  });
  return { key: definition.id, version: definition.version };
}

import type { InstrumentDefinition } from '@utvag/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { instruments } from '../../db/schema.ts';

/** An imported instrument's definition by key and version in the programme, or null. */
export async function findImportedDefinition(
  tx: Tx,
  programmeId: string,
  key: string,
  version: number,
): Promise<InstrumentDefinition | null> {
  const [row] = await tx
    .select({ definition: instruments.definition })
    .from(instruments)
    .where(and(eq(instruments.programmeId, programmeId), eq(instruments.key, key), eq(instruments.version, version)));
  return row ? (row.definition as InstrumentDefinition) : null;
}

/** The programme's imported instruments, by key and version. */
export async function importedInstruments(tx: Tx, programmeId: string) {
  const rows = await tx
    .select({
      key: instruments.key,
      version: instruments.version,
      kind: instruments.kind,
      definition: instruments.definition,
    })
    .from(instruments)
    .where(eq(instruments.programmeId, programmeId))
    .orderBy(asc(instruments.key), asc(instruments.version));
  return rows.map((r) => ({ ...r, definition: r.definition as InstrumentDefinition }));
}

export async function insertInstrument(
  tx: Tx,
  programmeId: string,
  definition: InstrumentDefinition,
  importedBy: string,
): Promise<void> {
  await tx.insert(instruments).values({
    programmeId,
    key: definition.id,
    version: definition.version,
    kind: definition.kind,
    definition,
    importedBy,
  });
}

import type { InstrumentDefinition } from '../instrument.schema.ts';
import { deepFreeze } from './deep-freeze.ts';
import { HOTLINE_THREAT_CHECKLIST_V1 } from './hotline-threat-checklist.ts';
import { RISK_ANALYSIS_V1 } from './risk-analysis-v1.ts';

/**
 * The instruments shipped with Utväg; administrators import others as JSON definitions.
 * Frozen, because a completed checklist refers to a version that must never change underneath it.
 */
export const BUILTIN_INSTRUMENTS: readonly InstrumentDefinition[] = deepFreeze([
  HOTLINE_THREAT_CHECKLIST_V1,
  RISK_ANALYSIS_V1,
]);

/** The built-in instrument with this id and version, or null. */
export function findBuiltinInstrument(id: string, version: number): InstrumentDefinition | null {
  return BUILTIN_INSTRUMENTS.find((instrument) => instrument.id === id && instrument.version === version) ?? null;
}

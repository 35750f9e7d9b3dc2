import { z } from 'zod';
import {
  INSTRUMENT_KINDS,
  instrumentDefinitionShape,
  instrumentKeySchema,
  instrumentVersionSchema,
} from '../instruments/instrument.schema.ts';
import { bilingualView } from './common.contract.ts';

// Instruments (threat checklists, risk analyses) defined as versioned data; administrators import
// new ones. A version never changes once stored.

/** An instrument in the list. */
export const instrumentSummaryView = z.object({
  key: z.string(),
  version: z.number().int(),
  kind: z.enum(INSTRUMENT_KINDS),
  name: bilingualView,
  builtin: z.boolean(),
});
/** An instrument in the list. */
export type InstrumentSummary = z.infer<typeof instrumentSummaryView>;

/** GET /instruments */
export const instrumentsResponse = z.object({ instruments: z.array(instrumentSummaryView) });

/** Route params of GET /instruments/{key}/{version}. */
export const instrumentParams = z.object({
  key: instrumentKeySchema,
  version: z.coerce.number().pipe(instrumentVersionSchema),
});

/** GET /instruments/{key}/{version}: one version in full. */
export const instrumentDefinitionResponse = z.object({ definition: instrumentDefinitionShape });

/**
 * Body of POST /admin/instruments: a definition. It is accepted only through the domain's
 * `parseInstrumentDefinition`, which also checks what the shape cannot (unique ids, options only
 * with 'choice', the kind's judgement levels) and reports every fault at once in both languages.
 */
export const instrumentImportBody = instrumentDefinitionShape;

/** POST /admin/instruments */
export const instrumentImportedResponse = z.object({ key: z.string(), version: z.number().int() });

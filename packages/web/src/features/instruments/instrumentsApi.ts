import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import {
  instrumentDefinitionResponse,
  instrumentImportedResponse,
  instrumentsResponse,
  type InstrumentSummary,
} from '../../lib/domain.ts';

export type { InstrumentSummary } from '../../lib/domain.ts';

/** The id of the built-in hotline checklist. */
export const HOTLINE_CHECKLIST_KEY = 'utvag-hotline-threat';

/** Every instrument of the programme. */
export function useInstruments() {
  return useQuery({
    queryKey: ['instruments'],
    queryFn: () => api(instrumentsResponse, '/api/v1/instruments'),
    staleTime: 5 * 60_000,
  });
}

/** One version of an instrument; versions never change, so it is cached for the session. */
export function useInstrumentDefinition(key: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['instrument', key, version],
    queryFn: () =>
      api(
        instrumentDefinitionResponse,
        `/api/v1/instruments/${encodeURIComponent(key ?? '')}/${String(version ?? '')}`,
      ),
    enabled: key !== undefined && version !== undefined,
    staleTime: Infinity,
  });
}

/** The checklist the hotline fills: the newest version of the built-in hotline checklist. */
export function useHotlineChecklist() {
  const list = useInstruments();
  const candidates = (list.data?.instruments ?? []).filter((i) => i.kind === 'checklist');
  const preferred = candidates.filter((i) => i.key === HOTLINE_CHECKLIST_KEY);
  const pool = preferred.length > 0 ? preferred : candidates;
  const newest = pool.reduce<InstrumentSummary | undefined>(
    (best, i) => (best === undefined || i.version > best.version ? i : best),
    undefined,
  );
  const definition = useInstrumentDefinition(newest?.key, newest?.version);
  return {
    definition: definition.data?.definition,
    error: list.error ?? definition.error,
    isPending: list.isPending || (newest !== undefined && definition.isPending),
  };
}

/** Imports an instrument definition (administrator). */
export function useImportInstrument() {
  const client = useQueryClient();
  return useMutation({
    // The file's content goes as it is: the server's parser reports every fault in it at once.
    mutationFn: (definition: unknown) =>
      api(instrumentImportedResponse, '/api/v1/admin/instruments', { body: definition }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['instruments'] }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import { createMappingBody, mappingCreatedResponse, mappingSectionResponse } from '../../lib/domain.ts';

const mappingsPath = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/mappings`;

/** The cache key of a case's mapping section. */
export const mappingKey = (caseId: string) => ['case', caseId, 'mapping'] as const;

/** The mapping section of a case: its mappings (only the areas the server lets us see) and the definition. */
export function useMappingSection(caseId: string) {
  return useQuery({
    queryKey: mappingKey(caseId),
    queryFn: () => api(mappingSectionResponse, mappingsPath(caseId)),
    retry: false,
  });
}

/** The body of a new mapping, as sent. */
export type MappingInput = z.input<typeof createMappingBody>;

/** Saves a new mapping. */
export function useCreateMapping(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MappingInput) => api(mappingCreatedResponse, mappingsPath(caseId), { body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: mappingKey(caseId) }),
  });
}

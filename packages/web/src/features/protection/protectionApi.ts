import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Draft } from '../../api/client.ts';
import type {
  createPlacementBody,
  identityLinkBody,
  placementUpdateBody,
  protectedDataApplicationBody,
  protectiveMeasureBody,
} from '../../lib/domain.ts';
import {
  identityLinkRecorded,
  identityLinkView,
  measureResponse,
  measuresResponse,
  placementAddressResponse,
  placementCheckResponse,
  placementResponse,
  placementsResponse,
  protectedDataListResponse,
  protectedDataResponse,
} from '../../lib/domain.ts';

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export {
  APPLICATION_STATUSES,
  DECIDING_AUTHORITY,
  MEASURE_STATUSES,
  PLACEMENT_STATUSES,
  PROTECTED_DATA_KINDS,
  PROVIDER_KINDS,
} from '../../lib/domain.ts';
export { PROTECTIVE_MEASURE_KINDS as MEASURE_KINDS } from '../../lib/domain.ts';

// The answers' types are the contract's (packages/domain contract/protection.contract.ts).
export type {
  MeasureView as Measure,
  PlacementView as Placement,
  PlacementWarning,
  ProtectedDataView as ProtectedDataApplication,
  SensitiveViewState as AddressView,
} from '../../lib/domain.ts';

const placementsKey = (id: string) => ['case', id, 'placements'] as const;
const protectedDataKey = (id: string) => ['case', id, 'protected-data'] as const;
const measuresKey = (id: string) => ['case', id, 'measures'] as const;

/** The placements of a case, without addresses. */
export function usePlacements(caseId: string) {
  return useQuery({
    queryKey: placementsKey(caseId),
    queryFn: () => api(placementsResponse, `${casePath(caseId)}/placements`),
    retry: false,
  });
}

/** The body of a new placement. The address goes in once and only comes out through the address view. */
export type PlacementInput = Draft<z.input<typeof createPlacementBody>>;

export function useCreatePlacement(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PlacementInput) => api(placementResponse, `${casePath(caseId)}/placements`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: placementsKey(caseId) }),
  });
}

/** A relocation step: a placement's status and end date. */
export function useChangePlacement(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string } & Draft<z.input<typeof placementUpdateBody>>) =>
      api(placementResponse, `/api/v1/placements/${encodeURIComponent(input.id)}`, {
        method: 'PATCH',
        body: {
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.endsOn !== undefined ? { endsOn: input.endsOn } : {}),
        },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: placementsKey(caseId) }),
  });
}

/** The ONE view of a protected address, with the stated purpose. Never cached. */
export async function fetchPlacementAddress(placementId: string, purpose: string): Promise<string> {
  // The purpose goes in the body: a query string ends up in proxy and access logs.
  const result = await api(placementAddressResponse, `/api/v1/placements/${encodeURIComponent(placementId)}/address`, {
    body: { purpose },
  });
  return result.address;
}

/** The placement-conflict check for a municipality; runs while the form is filled in. */
export function usePlacementCheck(caseId: string, municipality: string) {
  const value = municipality.trim();
  return useQuery({
    queryKey: ['case', caseId, 'placement-check', value.toLowerCase()],
    queryFn: () =>
      // The municipality goes in the body: a URL ends up in proxy and access logs.
      api(placementCheckResponse, `${casePath(caseId)}/placement-check`, { body: { municipality: value } }),
    enabled: value.length > 1,
    retry: false,
    staleTime: 0,
  });
}

export function useProtectedData(caseId: string) {
  return useQuery({
    queryKey: protectedDataKey(caseId),
    queryFn: () => api(protectedDataListResponse, `${casePath(caseId)}/protected-data`),
    retry: false,
  });
}

export function useCreateProtectedData(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof protectedDataApplicationBody>>) =>
      api(protectedDataResponse, `${casePath(caseId)}/protected-data`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: protectedDataKey(caseId) }),
  });
}

export function useMeasures(caseId: string) {
  return useQuery({
    queryKey: measuresKey(caseId),
    queryFn: () => api(measuresResponse, `${casePath(caseId)}/measures`),
    retry: false,
  });
}

export function useCreateMeasure(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof protectiveMeasureBody>>) =>
      api(measureResponse, `${casePath(caseId)}/measures`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: measuresKey(caseId) }),
  });
}

/** The sealed identity link, with the stated reason. Never cached. */
export async function fetchIdentityLink(caseId: string, reason: string): Promise<string> {
  const result = await api(identityLinkView, `${casePath(caseId)}/identity-link/view`, { body: { reason } });
  return result.link;
}

/** Records the sealed link between an old and a fictitious identity, and who may see it. */
export function useRecordIdentityLink(caseId: string) {
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof identityLinkBody>>) =>
      api(identityLinkRecorded, `${casePath(caseId)}/identity-link`, { body: input }),
  });
}

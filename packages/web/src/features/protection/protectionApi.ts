import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, apiPatch, apiPost } from '../../api/client.ts';
import { placementCheckResponse } from '../../lib/domain.ts';

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

/** A placement in protected housing. SECURITY: never carries the address. */
export type Placement = {
  id: string;
  caseId: string;
  providerKind: string;
  providerName: string;
  ivoPermitNumber: string | null;
  municipality: string;
  startsOn: string;
  endsOn: string | null;
  /** Whole öre per day. */
  costPerDayOre: number;
  status: string;
  createdAt: string;
};

/** How the user stands towards the address view (display only; the server decides each time). */
export type AddressView = 'allowed' | 'step_up_required' | 'forbidden';

export type ProtectedDataApplication = {
  id: string;
  kind: string;
  authority: string;
  status: string;
  appliedOn: string;
  decidedOn: string | null;
  createdAt: string;
};

export type Measure = {
  id: string;
  kind: string;
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  note: string | null;
  createdAt: string;
};

export type { PlacementWarning } from '../../lib/domain.ts';

const placementsKey = (id: string) => ['case', id, 'placements'] as const;
const protectedDataKey = (id: string) => ['case', id, 'protected-data'] as const;
const measuresKey = (id: string) => ['case', id, 'measures'] as const;

/** The placements of a case, without addresses. */
export function usePlacements(caseId: string) {
  return useQuery({
    queryKey: placementsKey(caseId),
    queryFn: () => apiGet<{ placements: Placement[]; addressView: AddressView }>(`${casePath(caseId)}/placements`),
    retry: false,
  });
}

/** The body of a new placement. The address goes in once and only comes out through the address view. */
export type PlacementInput = {
  providerKind: string;
  providerName: string;
  ivoPermitNumber?: string;
  municipality: string;
  address: string;
  startsOn: string;
  endsOn?: string;
  /** Whole öre per day. */
  costPerDayOre: number;
  status: string;
};

export function useCreatePlacement(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PlacementInput) => apiPost<{ placement: Placement }>(`${casePath(caseId)}/placements`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: placementsKey(caseId) }),
  });
}

/** A relocation step: a placement's status and end date. */
export function useChangePlacement(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; status?: string; endsOn?: string | null }) =>
      apiPatch<{ placement: Placement }>(`/api/v1/placements/${encodeURIComponent(input.id)}`, {
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.endsOn !== undefined ? { endsOn: input.endsOn } : {}),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: placementsKey(caseId) }),
  });
}

/** The ONE view of a protected address, with the stated purpose. Never cached. */
export async function fetchPlacementAddress(placementId: string, purpose: string): Promise<string> {
  // The purpose goes in the body: a query string ends up in proxy and access logs.
  const result = await apiPost<{ placementId: string; address: string }>(
    `/api/v1/placements/${encodeURIComponent(placementId)}/address`,
    { purpose },
  );
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
    queryFn: () => apiGet<{ applications: ProtectedDataApplication[] }>(`${casePath(caseId)}/protected-data`),
    retry: false,
  });
}

export function useCreateProtectedData(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: string; status: string; appliedOn: string; decidedOn?: string }) =>
      apiPost(`${casePath(caseId)}/protected-data`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: protectedDataKey(caseId) }),
  });
}

export function useMeasures(caseId: string) {
  return useQuery({
    queryKey: measuresKey(caseId),
    queryFn: () => apiGet<{ measures: Measure[] }>(`${casePath(caseId)}/measures`),
    retry: false,
  });
}

export function useCreateMeasure(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: string; status: string; startsOn?: string; endsOn?: string; note?: string }) =>
      apiPost(`${casePath(caseId)}/measures`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: measuresKey(caseId) }),
  });
}

/** The sealed identity link, with the stated reason. Never cached. */
export async function fetchIdentityLink(caseId: string, reason: string): Promise<string> {
  const result = await apiPost<{ link: string }>(`${casePath(caseId)}/identity-link/view`, { reason });
  return result.link;
}

/** Records the sealed link between an old and a fictitious identity, and who may see it. */
export function useRecordIdentityLink(caseId: string) {
  return useMutation({
    mutationFn: (input: { link: string; sealedReaderIds: string[] }) =>
      apiPost<{ id: string; sealedReaderIds: string[] }>(`${casePath(caseId)}/identity-link`, input),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost } from '../../api/client.ts';

/** A duty shift. */
export type Shift = {
  id: string;
  userId: string;
  displayName: string;
  roles: string[];
  startsAt: string;
  endsAt: string;
};

/** A member of staff who can be rostered or booked. */
export type StaffMember = {
  userId: string;
  displayName: string;
  roles: string[];
  /** May be named to read a sealed identity link (the server decides from the domain's role groups). */
  sealedReader: boolean;
};

/** A meeting place. SECURITY: visible only to programme staff. */
export type Place = { id: string; name: string; address: string | null };

/** A window when a member of staff can meet. */
export type AvailabilityWindow = {
  id: string;
  userId: string;
  displayName: string;
  startsAt: string;
  endsAt: string;
};

/** A period of time, as ISO instants. */
export type Period = { from: string; to: string };

const periodQuery = (p: Period) => `?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

/** Who is on duty right now. */
export function useOnDutyNow() {
  return useQuery({
    queryKey: ['duty', 'now'],
    queryFn: () => apiGet<{ onDuty: Shift[] }>('/api/v1/duty/now'),
  });
}

/** Shifts in a period. */
export function useShifts(period: Period) {
  return useQuery({
    queryKey: ['duty', period],
    queryFn: () => apiGet<{ shifts: Shift[] }>(`/api/v1/duty${periodQuery(period)}`),
  });
}

/** Hotline officers and coordinators of the programme. */
export function useStaff(enabled = true) {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => apiGet<{ staff: StaffMember[] }>('/api/v1/staff'),
    enabled,
  });
}

/** Adds a duty shift. */
export function useAddShift() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: string; startsAt: string; endsAt: string }) =>
      apiPost<{ id: string }>('/api/v1/duty', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['duty'] }),
  });
}

/** Removes a duty shift. */
export function useRemoveShift() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<void>(`/api/v1/duty/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['duty'] }),
  });
}

/** Active meeting places. */
export function usePlaces() {
  return useQuery({
    queryKey: ['places'],
    queryFn: () => apiGet<{ places: Place[] }>('/api/v1/places'),
  });
}

/** Adds a meeting place. */
export function useAddPlace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; address?: string }) => apiPost<Place>('/api/v1/places', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['places'] }),
  });
}

/** Deactivates a meeting place (bookings made there keep it). */
export function useDeactivatePlace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<void>(`/api/v1/places/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['places'] }),
  });
}

/** Availability windows in a period. */
export function useAvailability(period: Period) {
  return useQuery({
    queryKey: ['availability', period],
    queryFn: () => apiGet<{ windows: AvailabilityWindow[] }>(`/api/v1/availability${periodQuery(period)}`),
  });
}

/** Adds an availability window; without `userId`, the user's own. */
export function useAddAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId?: string; startsAt: string; endsAt: string }) =>
      apiPost<{ id: string }>('/api/v1/availability', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['availability'] }),
  });
}

/** Removes an availability window. */
export function useRemoveAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<void>(`/api/v1/availability/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['availability'] }),
  });
}

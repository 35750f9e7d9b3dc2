import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import {
  availabilityResponse,
  createdResponse,
  noContent,
  onDutyNowResponse,
  placeView,
  placesResponse,
  shiftsResponse,
  staffResponse,
  type addAvailabilityBody,
  type addPlaceBody,
  type addShiftBody,
} from '../../lib/domain.ts';
import type { z } from 'zod';

export type { AvailabilityWindow, Place, Shift, StaffMember } from '../../lib/domain.ts';

/** A period of time, as ISO instants. */
export type Period = { from: string; to: string };

const periodQuery = (p: Period) => `?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

/** Who is on duty right now. */
export function useOnDutyNow() {
  return useQuery({
    queryKey: ['duty', 'now'],
    queryFn: () => api(onDutyNowResponse, '/api/v1/duty/now'),
  });
}

/** Shifts in a period. */
export function useShifts(period: Period) {
  return useQuery({
    queryKey: ['duty', period],
    queryFn: () => api(shiftsResponse, `/api/v1/duty${periodQuery(period)}`),
  });
}

/** Hotline officers and coordinators of the programme. */
export function useStaff(enabled = true) {
  return useQuery({
    queryKey: ['staff'],
    queryFn: () => api(staffResponse, '/api/v1/staff'),
    enabled,
  });
}

/** Adds a duty shift. */
export function useAddShift() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof addShiftBody>) => api(createdResponse, '/api/v1/duty', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['duty'] }),
  });
}

/** Removes a duty shift. */
export function useRemoveShift() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(noContent, `/api/v1/duty/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['duty'] }),
  });
}

/** Active meeting places. */
export function usePlaces() {
  return useQuery({
    queryKey: ['places'],
    queryFn: () => api(placesResponse, '/api/v1/places'),
  });
}

/** Adds a meeting place. */
export function useAddPlace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof addPlaceBody>) => api(placeView, '/api/v1/places', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['places'] }),
  });
}

/** Deactivates a meeting place (bookings made there keep it). */
export function useDeactivatePlace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(noContent, `/api/v1/places/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['places'] }),
  });
}

/** Availability windows in a period. */
export function useAvailability(period: Period) {
  return useQuery({
    queryKey: ['availability', period],
    queryFn: () => api(availabilityResponse, `/api/v1/availability${periodQuery(period)}`),
  });
}

/** Adds an availability window; without `userId`, the user's own. */
export function useAddAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof addAvailabilityBody>) =>
      api(createdResponse, '/api/v1/availability', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['availability'] }),
  });
}

/** Removes an availability window. */
export function useRemoveAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api(noContent, `/api/v1/availability/${encodeURIComponent(id)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['availability'] }),
  });
}

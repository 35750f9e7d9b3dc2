import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import {
  callListResponse,
  callView,
  createCallResponse,
  personnummerLookupResponse,
  type CallDecision,
  type CallerType,
  type CallSummary,
  type CreateCallInput,
} from '../../lib/domain.ts';

export type { CallDetail, CreateCallInput, CreateCallResult, LookupMatch } from '../../lib/domain.ts';
/** A call in the list. SECURITY: the list carries no identities. */
export type CallListItem = CallSummary;

/** Filters of the call list. */
export type CallFilters = {
  from?: string;
  to?: string;
  callerType?: CallerType;
  decision?: CallDecision;
  handlerId?: string;
  limit?: number;
};

function query(filters: CallFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Calls, newest first, filtered, a page at a time. */
export function useCalls(filters: CallFilters) {
  return usePagedList({
    queryKey: ['calls', filters],
    schema: callListResponse,
    path: `/api/v1/calls${query(filters)}`,
    rows: (page) => page.calls,
  });
}

/** One call. */
export function useCall(id: string) {
  return useQuery({
    queryKey: ['call', id],
    queryFn: () => api(callView, `/api/v1/calls/${encodeURIComponent(id)}`),
  });
}

/** Logs a call; when taken further, the server opens a case. */
export function useCreateCall() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCallInput) => api(createCallResponse, '/api/v1/calls', { body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['calls'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** Whether a personnummer is already known in the programme. */
export function usePersonnummerLookup() {
  return useMutation({
    mutationFn: (personnummer: string) =>
      api(personnummerLookupResponse, '/api/v1/cases/lookup', { body: { personnummer } }),
  });
}

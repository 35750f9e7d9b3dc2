import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import { callListResponse } from '../../lib/domain.ts';
import type { CallChannel, CallDecision, CallerType } from '../../lib/domain.ts';

/** Who handled a call. */
export type Handler = { id: string; displayName: string };

/** A call in the list. SECURITY: the list carries no identities. */
export type CallListItem = {
  id: string;
  receivedAt: string;
  channel: CallChannel;
  callerType: CallerType;
  decision: CallDecision;
  handler: Handler;
  acute: boolean;
  caseCode: string | null;
};

/** One call in full. */
export type CallDetail = Omit<CallListItem, 'caseCode'> & {
  summary: string | null;
  callbackContact: string | null;
  referral: { organisationName: string; reason: string } | null;
  callbackAt: string | null;
  checklist: {
    instrumentKey: string;
    instrumentVersion: number;
    answers: Record<string, string>;
    acuteItemIds: string[];
  } | null;
  case: { id: string; code: string } | null;
};

/** The body of logging a call (see `makeCreateCallBody` in @utvag/domain). */
export type CreateCallInput = {
  receivedAt?: string;
  channel: CallChannel;
  callerType: CallerType;
  summary: string;
  callbackContact?: string;
  decision: CallDecision;
  referral?: { organisationName: string; reason: string };
  callbackAt?: string;
  checklist?: { instrumentId: string; instrumentVersion: number; answers: Record<string, string> };
  person?: { name?: string; personnummer?: string; phone?: string; address?: string };
  relative?: { name?: string; phone?: string; relation?: string; protectionNeeds?: string };
};

/** What logging a call answers: the call, and the case it opened when taken further. */
export type CreateCallResult = {
  call: { id: string; decision: CallDecision; acute: boolean };
  case: { id: string; code: string } | null;
};

/** Filters of the call list. */
export type CallFilters = {
  from?: string;
  to?: string;
  callerType?: CallerType;
  decision?: CallDecision;
  handlerId?: string;
  limit?: number;
};

/** One match of a personnummer lookup: the hotline learns whom to contact, nothing more. */
export type LookupMatch = {
  onTeam: boolean;
  caseId: string | null;
  caseCode: string | null;
  contacts: { displayName: string }[];
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
    queryFn: () => apiGet<CallDetail>(`/api/v1/calls/${encodeURIComponent(id)}`),
  });
}

/** Logs a call; when taken further, the server opens a case. */
export function useCreateCall() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCallInput) => apiPost<CreateCallResult>('/api/v1/calls', input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['calls'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** Whether a personnummer is already known in the programme. */
export function usePersonnummerLookup() {
  return useMutation({
    mutationFn: (personnummer: string) => apiPost<{ matches: LookupMatch[] }>('/api/v1/cases/lookup', { personnummer }),
  });
}

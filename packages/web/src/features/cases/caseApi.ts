import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import { overdueResponse } from '../../lib/domain.ts';

/** A person's identity. SECURITY: only present when the server decided the user may read it. */
export type Identity = {
  name: string | null;
  personnummer: string | null;
  phone: string | null;
  address: string | null;
};

/** A related person (a relative), kept apart from the person leaving. */
export type RelatedPerson = {
  id: string;
  name: string | null;
  phone: string | null;
  relation: string | null;
  protectionNeeds: string | null;
};

/** A completed checklist, with the version it was made with. */
export type CompletedChecklist = {
  instrumentKey: string;
  instrumentVersion: number;
  answers: Record<string, string>;
  acuteItemIds: string[];
  createdAt: string;
};

/** A booked or held meeting. */
export type Meeting = {
  id: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  status: string;
  staff: { userId: string; displayName: string };
  place: { id: string; name: string };
};

/** Where a case clock stands. */
export type ClockStatus = 'not_started' | 'due' | 'late' | 'on_time' | 'met_late';

/** One clock of a case. */
export type Clock = {
  dueAt: string | null;
  doneAt: string | null;
  status: ClockStatus;
  lateByMinutes: number;
};

/** A case in full, as far as the user may see it. */
export type CaseDetail = {
  id: string;
  code: string;
  state: string;
  /** Null when the reader may not see the threat picture. */
  acute: boolean | null;
  contactAt: string;
  identity: Identity | null;
  relatedPersons: RelatedPerson[] | null;
  checklists: CompletedChecklist[] | null;
  meetings: Meeting[];
  clocks: { first_meeting: Clock; assessment: Clock };
  allowedEvents: string[];
  abilities: string[];
};

/** A proposed slot for the first meeting. */
export type Slot = {
  startsAt: string;
  endsAt: string;
  staff: { userId: string; displayName: string };
  place: { id: string; name: string };
};

const caseKey = (id: string) => ['case', id] as const;
const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** One case. */
export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => apiGet<CaseDetail>(casePath(id)) });
}

/** Moves a case on in its lifecycle. */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (event: string) => apiPost<CaseDetail>(`${casePath(id)}/transitions`, { event }),
    onSuccess: (data) => {
      client.setQueryData(caseKey(id), data);
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** Proposed first-meeting slots, earliest first. Never cached: free time changes by the minute. */
export function useMeetingProposals(id: string, durationMinutes: number) {
  return useQuery({
    queryKey: ['proposals', id, durationMinutes],
    queryFn: () =>
      apiGet<{ slots: Slot[] }>(`${casePath(id)}/meeting-proposals?durationMinutes=${String(durationMinutes)}`),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Books a meeting. */
export function useBookMeeting(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { startsAt: string; durationMinutes: number; staffUserId: string; placeId: string }) =>
      apiPost<{ meeting: Omit<Meeting, 'kind' | 'status'> }>(`${casePath(id)}/meetings`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKey(id) });
      void client.invalidateQueries({ queryKey: ['overdue'] });
    },
  });
}

/** Records that a meeting was held; this starts the assessment clock. */
export function useMeetingHeld(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => apiPost<void>(`/api/v1/meetings/${encodeURIComponent(meetingId)}/held`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKey(caseId) });
      void client.invalidateQueries({ queryKey: ['overdue'] });
    },
  });
}

/** Cancels a booked meeting (a no-show, a new time); its slot is free again. */
export function useMeetingCancel(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => apiPost<void>(`/api/v1/meetings/${encodeURIComponent(meetingId)}/cancel`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKey(caseId) });
      void client.invalidateQueries({ queryKey: ['overdue'] });
    },
  });
}

/** The download address of a meeting's calendar file. */
export function calendarUrl(meetingId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/calendar.ics`;
}

/** Cases past a target, for the coordinator's home, a page of cases at a time. */
export function useOverdue(enabled: boolean) {
  return usePagedList({
    queryKey: ['overdue'],
    schema: overdueResponse,
    path: '/api/v1/home/overdue',
    rows: (page) => page.overdue,
    enabled,
  });
}

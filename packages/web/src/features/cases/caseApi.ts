import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import {
  bookMeetingResponse,
  overdueResponse,
  caseDetailView,
  meetingCancelledResponse,
  meetingHeldResponse,
  meetingProposalsResponse,
  type BookMeetingInput,
  type CaseClockView,
} from '../../lib/domain.ts';

// The answers' types are the contract's (packages/domain contract/cases, contract/meetings).
export type {
  BookedMeeting,
  CaseDetailView as CaseDetail,
  CaseMeetingView as Meeting,
  CompletedChecklistView as CompletedChecklist,
  IdentityView as Identity,
  MeetingSlot as Slot,
  RelatedPersonView as RelatedPerson,
} from '../../lib/domain.ts';
export type { CaseClockView as Clock } from '../../lib/domain.ts';

/** Where a case clock stands. */
export type ClockStatus = CaseClockView['status'];

const caseKey = (id: string) => ['case', id] as const;
const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** One case. */
export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api(caseDetailView, casePath(id)) });
}

/** Moves a case on in its lifecycle. */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (event: string) => api(caseDetailView, `${casePath(id)}/transitions`, { body: { event } }),
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
      api(meetingProposalsResponse, `${casePath(id)}/meeting-proposals?durationMinutes=${String(durationMinutes)}`),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Books a meeting. */
export function useBookMeeting(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BookMeetingInput) => api(bookMeetingResponse, `${casePath(id)}/meetings`, { body: input }),
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
    mutationFn: (meetingId: string) =>
      api(meetingHeldResponse, `/api/v1/meetings/${encodeURIComponent(meetingId)}/held`, { body: {} }),
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
    mutationFn: (meetingId: string) =>
      api(meetingCancelledResponse, `/api/v1/meetings/${encodeURIComponent(meetingId)}/cancel`, { body: {} }),
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

/** Cases past a target, for the coordinator's home. */
export function useOverdue(enabled: boolean) {
  return usePagedList({
    queryKey: ['overdue'],
    schema: overdueResponse,
    path: '/api/v1/home/overdue',
    rows: (page) => page.overdue,
    enabled,
  });
}

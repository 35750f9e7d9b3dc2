import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import { linkDeliveryResponse, okResponse, pendingMembersResponse } from '../../lib/domain.ts';

const PENDING = ['members', 'pending'] as const;
const memberPath = (userId: string) => `/api/v1/members/pending/${encodeURIComponent(userId)}`;

/** Case-reading roles awaiting this coordinator's confirmation (decision 010). */
export function usePendingMembers() {
  return usePagedList({
    queryKey: PENDING,
    schema: pendingMembersResponse,
    path: '/api/v1/members/pending',
    rows: (page) => page.members,
  });
}

/** Confirms a member's pending roles; the answer says how the enrolment link reached them. */
export function useConfirmMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api(linkDeliveryResponse, `${memberPath(userId)}/confirm`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: PENDING }),
  });
}

/** Turns a member's pending roles down. */
export function useRejectMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api(okResponse, `${memberPath(userId)}/reject`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: PENDING }),
  });
}

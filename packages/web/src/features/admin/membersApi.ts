import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';
import type { LinkDelivery, PendingMember } from '../../api/types.ts';

const PENDING = ['members', 'pending'] as const;

/** Case-reading roles awaiting this coordinator's confirmation (decision 010). */
export function usePendingMembers() {
  return useQuery({
    queryKey: PENDING,
    queryFn: () => apiGet<{ members: PendingMember[] }>('/api/v1/members/pending'),
  });
}

/** Confirms a member's pending roles; the answer says how the enrolment link reached them. */
export function useConfirmMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiPost<LinkDelivery>(`/api/v1/members/pending/${encodeURIComponent(userId)}/confirm`),
    onSuccess: () => client.invalidateQueries({ queryKey: PENDING }),
  });
}

/** Turns a member's pending roles down. */
export function useRejectMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiPost<{ ok: true }>(`/api/v1/members/pending/${encodeURIComponent(userId)}/reject`),
    onSuccess: () => client.invalidateQueries({ queryKey: PENDING }),
  });
}

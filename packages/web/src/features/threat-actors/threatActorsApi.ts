import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';

/** A criminal group or network, with where it is known to be and its rivals. */
export type ThreatGroup = { id: string; name: string; municipalities: string[]; rivalGroupIds: string[] };
/** A person who threatens. SECURITY: shown only to those the server lets read the registry. */
export type ThreatPerson = { id: string; groupId: string | null; name: string; alias: string | null };
export { ACTOR_LINK_KINDS } from '../../lib/domain.ts';
/** A link between the case and a group or person. */
export type ActorLink = {
  id: string;
  kind: string;
  group: { id: string; name: string } | null;
  threatPerson: { id: string; name: string; alias: string | null; groupId: string | null } | null;
  createdAt: string;
};

const GROUPS = ['threat-groups'] as const;
const PERSONS = ['threat-persons'] as const;

/** Every group of the programme. */
export function useThreatGroups(enabled = true) {
  return useQuery({
    queryKey: GROUPS,
    queryFn: () => apiGet<{ groups: ThreatGroup[] }>('/api/v1/threat-groups'),
    enabled,
    retry: false,
  });
}

/** Every threatening person of the programme (name, alias, group). */
export function useThreatPersons(enabled = true) {
  return useQuery({
    queryKey: PERSONS,
    queryFn: () => apiGet<{ persons: ThreatPerson[] }>('/api/v1/threat-persons'),
    enabled,
    retry: false,
  });
}

/** Registers a group. */
export function useCreateGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) => apiPost<{ group: ThreatGroup }>('/api/v1/threat-groups', input),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Records that a group is present in a municipality. */
export function useAddPresence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { groupId: string; municipality: string }) =>
      apiPost(`/api/v1/threat-groups/${encodeURIComponent(input.groupId)}/presence`, {
        municipality: input.municipality,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Records that two groups are rivals. */
export function useAddRivalry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { groupA: string; groupB: string }) => apiPost('/api/v1/rivalries', input),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Registers a threatening person. */
export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; alias?: string; notes?: string; groupId?: string }) =>
      apiPost<{ person: ThreatPerson }>('/api/v1/threat-persons', input),
    onSuccess: () => client.invalidateQueries({ queryKey: PERSONS }),
  });
}

const linksKey = (caseId: string) => ['case', caseId, 'actor-links'] as const;

/** The case's links to groups and persons. */
export function useActorLinks(caseId: string) {
  return useQuery({
    queryKey: linksKey(caseId),
    queryFn: () => apiGet<{ links: ActorLink[] }>(`/api/v1/cases/${encodeURIComponent(caseId)}/actor-links`),
    retry: false,
  });
}

/** Links the case to a group or a person. */
export function useAddActorLink(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { groupId?: string; threatPersonId?: string; kind: string }) =>
      apiPost<{ link: ActorLink }>(`/api/v1/cases/${encodeURIComponent(caseId)}/actor-links`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: linksKey(caseId) }),
  });
}

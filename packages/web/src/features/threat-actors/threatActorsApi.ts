import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Draft } from '../../api/client.ts';
import type {
  createActorLinkBody,
  createRivalryBody,
  createThreatGroupBody,
  createThreatPersonBody,
  groupPresenceBody,
} from '../../lib/domain.ts';
import {
  actorLinkResponse,
  actorLinksResponse,
  groupPresenceResponse,
  rivalryResponse,
  threatGroupResponse,
  threatGroupsResponse,
  threatPersonResponse,
  threatPersonsResponse,
} from '../../lib/domain.ts';

export { ACTOR_LINK_KINDS } from '../../lib/domain.ts';
export type { ActorLink, ThreatGroupView as ThreatGroup, ThreatPersonView as ThreatPerson } from '../../lib/domain.ts';

const GROUPS = ['threat-groups'] as const;
const PERSONS = ['threat-persons'] as const;

/** Every group of the programme. */
export function useThreatGroups(enabled = true) {
  return useQuery({
    queryKey: GROUPS,
    queryFn: () => api(threatGroupsResponse, '/api/v1/threat-groups'),
    enabled,
    retry: false,
  });
}

/** Every threatening person of the programme (name, alias, group). */
export function useThreatPersons(enabled = true) {
  return useQuery({
    queryKey: PERSONS,
    queryFn: () => api(threatPersonsResponse, '/api/v1/threat-persons'),
    enabled,
    retry: false,
  });
}

/** Registers a group. */
export function useCreateGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createThreatGroupBody>>) =>
      api(threatGroupResponse, '/api/v1/threat-groups', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Records that a group is present in a municipality. */
export function useAddPresence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { groupId: string } & Draft<z.input<typeof groupPresenceBody>>) =>
      api(groupPresenceResponse, `/api/v1/threat-groups/${encodeURIComponent(input.groupId)}/presence`, {
        body: { municipality: input.municipality },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Records that two groups are rivals. */
export function useAddRivalry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createRivalryBody>>) =>
      api(rivalryResponse, '/api/v1/rivalries', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: GROUPS }),
  });
}

/** Registers a threatening person. */
export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createThreatPersonBody>>) =>
      api(threatPersonResponse, '/api/v1/threat-persons', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: PERSONS }),
  });
}

const linksKey = (caseId: string) => ['case', caseId, 'actor-links'] as const;

/** The case's links to groups and persons. */
export function useActorLinks(caseId: string) {
  return useQuery({
    queryKey: linksKey(caseId),
    queryFn: () => api(actorLinksResponse, `/api/v1/cases/${encodeURIComponent(caseId)}/actor-links`),
    retry: false,
  });
}

/** Links the case to a group or a person. */
export function useAddActorLink(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createActorLinkBody>>) =>
      api(actorLinkResponse, `/api/v1/cases/${encodeURIComponent(caseId)}/actor-links`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: linksKey(caseId) }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Draft } from '../../api/client.ts';
import type { createOrganisationBody, createProgrammeBody, inviteUserBody } from '../../lib/domain.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import {
  adminProgrammeView,
  adminUserListResponse,
  adminUserResponse,
  inviteUserResponse,
  linkDeliveryResponse,
  organisationView,
  organisationsResponse,
  programmesResponse,
  type Role,
} from '../../lib/domain.ts';

const USERS = ['admin', 'users'] as const;
const ORGANISATIONS = ['admin', 'organisations'] as const;
const PROGRAMMES = ['admin', 'programmes'] as const;
const userPath = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`;

/** Users of the active programme, a page at a time. */
export function useUsers() {
  return usePagedList({
    queryKey: USERS,
    schema: adminUserListResponse,
    path: '/api/v1/admin/users',
    rows: (page) => page.users,
  });
}

/** Organisations taking part in the programme. */
export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: ORGANISATIONS,
    queryFn: () => api(organisationsResponse, '/api/v1/admin/organisations'),
    enabled,
  });
}

/** Programmes in this installation. */
export function useProgrammes() {
  return useQuery({
    queryKey: PROGRAMMES,
    queryFn: () => api(programmesResponse, '/api/v1/admin/programmes'),
  });
}

export type InviteInput = Draft<z.input<typeof inviteUserBody>>;

/** Invites a user; the answer holds the one-time link unless a role awaits confirmation. */
export function useInviteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => api(inviteUserResponse, '/api/v1/admin/users', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Replaces a user's roles. */
export function useUpdateRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: Role[] }) =>
      api(adminUserResponse, `${userPath(id)}/roles`, { method: 'PUT', body: { roles } }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Deactivates a user; their sessions end on the server. */
export function useDeactivateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(adminUserResponse, `${userPath(id)}/deactivate`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Removes a user's second factors; the new link is shown here or e-mailed to the user. */
export function useResetSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(linkDeliveryResponse, `${userPath(id)}/reset-second-factor`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Adds an organisation. */
export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createOrganisationBody>>) =>
      api(organisationView, '/api/v1/admin/organisations', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ORGANISATIONS }),
  });
}

/** Adds a programme. */
export function useCreateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createProgrammeBody>>) =>
      api(adminProgrammeView, '/api/v1/admin/programmes', { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: PROGRAMMES }),
  });
}

/** Turns the passkey-only rule on or off for a programme. */
export function useUpdateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, requirePhishingResistant }: { id: string; requirePhishingResistant: boolean }) =>
      api(adminProgrammeView, `/api/v1/admin/programmes/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { requirePhishingResistant },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: PROGRAMMES }),
  });
}

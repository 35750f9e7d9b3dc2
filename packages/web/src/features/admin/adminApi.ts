import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiPut } from '../../api/client.ts';
import type { AdminProgramme, AdminUser, InviteResult, LinkDelivery, Organisation } from '../../api/types.ts';
import type { OrganisationKind, Role } from '../../lib/domain.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import { adminUserListResponse } from '../../lib/domain.ts';

const USERS = ['admin', 'users'] as const;
const ORGANISATIONS = ['admin', 'organisations'] as const;
const PROGRAMMES = ['admin', 'programmes'] as const;

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
    queryFn: () => apiGet<{ organisations: Organisation[] }>('/api/v1/admin/organisations'),
    enabled,
  });
}

/** Programmes in this installation. */
export function useProgrammes() {
  return useQuery({
    queryKey: PROGRAMMES,
    queryFn: () => apiGet<{ programmes: AdminProgramme[] }>('/api/v1/admin/programmes'),
  });
}

export type InviteInput = {
  username: string;
  displayName: string;
  organisationId: string;
  roles: Role[];
};

/** Invites a user; the answer holds the one-time link unless a role awaits confirmation. */
export function useInviteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => apiPost<InviteResult>('/api/v1/admin/users', input),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Replaces a user's roles. */
export function useUpdateRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: Role[] }) =>
      apiPut<{ user: AdminUser }>(`/api/v1/admin/users/${encodeURIComponent(id)}/roles`, { roles }),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Deactivates a user; their sessions end on the server. */
export function useDeactivateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost<{ user: AdminUser }>(`/api/v1/admin/users/${encodeURIComponent(id)}/deactivate`),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Removes a user's second factors; the new link is shown here or e-mailed to the user. */
export function useResetSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost<LinkDelivery>(`/api/v1/admin/users/${encodeURIComponent(id)}/reset-second-factor`),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS }),
  });
}

/** Adds an organisation. */
export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; kind: OrganisationKind }) =>
      apiPost<{ organisation: Organisation }>('/api/v1/admin/organisations', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ORGANISATIONS }),
  });
}

/** Adds a programme. */
export function useCreateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; code: string; requirePhishingResistant: boolean }) =>
      apiPost<{ programme: AdminProgramme }>('/api/v1/admin/programmes', input),
    onSuccess: () => client.invalidateQueries({ queryKey: PROGRAMMES }),
  });
}

/** Turns the passkey-only rule on or off for a programme. */
export function useUpdateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, requirePhishingResistant }: { id: string; requirePhishingResistant: boolean }) =>
      apiPatch<{ programme: AdminProgramme }>(`/api/v1/admin/programmes/${encodeURIComponent(id)}`, {
        requirePhishingResistant,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: PROGRAMMES }),
  });
}

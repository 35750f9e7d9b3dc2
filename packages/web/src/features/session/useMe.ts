import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, markSignedIn } from '../../api/client.ts';
import { meResponse, type Action, type Me } from '../../lib/domain.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in user, their active programme, roles and abilities. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const me = await api(meResponse, '/api/v1/me');
      markSignedIn(true);
      return me;
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** True when the server granted `action` in the active programme. The server still decides. */
export function can(me: Me | undefined, action: Action): boolean {
  return me?.abilities.includes(action) ?? false;
}

/** Switches the active programme; everything cached for the old one is dropped. */
export function useSwitchProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (programmeId: string) => api(meResponse, '/api/v1/me/programme', { body: { programmeId } }),
    onSuccess: (me) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, me);
    },
  });
}

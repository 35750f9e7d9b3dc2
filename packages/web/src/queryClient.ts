import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client.ts';

/**
 * The one query client. SECURITY: no background refetching of any kind — the server ends a session
 * after 15 idle minutes and the browser must not keep it alive on the user's behalf.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      refetchInterval: false,
      refetchIntervalInBackground: false,
      retry: (failureCount, error) =>
        failureCount < 1 && !(isApiError(error) && error.status > 0 && error.status < 500),
    },
    mutations: { retry: false },
  },
});

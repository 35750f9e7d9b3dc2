import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from './api/client.ts';
import { endSessionLocally, registerNavigator } from './features/session/endSession.ts';
import { queryClient } from './queryClient.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

registerNavigator((path, state) => void router.navigate(path, { replace: true, state }));
setUnauthenticatedHandler((hadSession) => endSessionLocally(hadSession ? 'expired' : null));

/** The application root: theme, data cache and routes. */
export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      forceColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

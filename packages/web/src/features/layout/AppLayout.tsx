import { AppShell, Center, Loader, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useEffect } from 'react';
import { isApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useIdleExpiry } from '../session/useIdleExpiry.ts';
import { useMe } from '../session/useMe.ts';
import { AppHeader } from './AppHeader.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { MainNav } from './MainNav.tsx';

/** The frame of every signed-in screen: header, navigation from abilities, one main landmark. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useIdleExpiry(me.data?.session.idleTimeoutSeconds);
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={me.data ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } } : undefined}
      padding="lg"
    >
      <AppShell.Header className="utvag-header">
        <AppHeader me={me.data} navOpened={navOpened} onToggleNav={toggle} />
      </AppShell.Header>
      {me.data && (
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <MainNav me={me.data} />
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <DemoBanner />
        {me.data ? (
          <Outlet />
        ) : me.error && !(isApiError(me.error) && me.error.status === 401) ? (
          <Stack maw={560}>
            <ErrorAlert error={me.error} />
          </Stack>
        ) : (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        )}
      </AppShell.Main>
    </AppShell>
  );
}

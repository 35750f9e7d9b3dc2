import { AppShell, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { DemoBanner } from './DemoBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The frame of the screens used before sign-in: product name, language, one main landmark. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header className="utvag-header">
        <Group h="100%" px="md" justify="space-between">
          <Text component="span" fw={700} size="lg" className="utvag-header-text">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size={560} py="xl">
          <DemoBanner />
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

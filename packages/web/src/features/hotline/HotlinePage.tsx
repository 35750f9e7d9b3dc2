import { Button, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { CallsTable } from '../calls/CallsTable.tsx';
import { useCalls } from '../calls/callsApi.ts';
import { can, useMe } from '../session/useMe.ts';
import { OnDutyNow } from './OnDutyNow.tsx';
import { useShortcut } from './useShortcut.ts';

function RecentCalls() {
  const { t } = useTranslation();
  const calls = useCalls({ limit: 10 });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recent-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="recent-title">
          {t('hotline.recent')}
        </Title>
        <ErrorAlert error={calls.error} />
        {calls.isPending && <LoadingRow />}
        {!calls.isPending && !calls.error && calls.items.length === 0 && <EmptyState>{t('calls.empty')}</EmptyState>}
        {calls.items.length > 0 && <CallsTable calls={calls.items} caption={t('hotline.recentCaption')} />}
      </Stack>
    </Paper>
  );
}

/** The hotline: who is on duty, a big "new call", and the latest calls. N starts a new call. */
export function HotlinePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const newCall = useCallback(() => void navigate('/calls/new'), [navigate]);
  useShortcut('n', newCall);
  return (
    <Stack gap="md" maw={1180}>
      <Title order={1}>{t('hotline.title')}</Title>
      <Group align="stretch" gap="md" wrap="wrap">
        <Stack gap={6} justify="center">
          <Button component={Link} to="/calls/new" size="xl" h={72} px="xl" autoFocus>
            {t('hotline.newCall')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('hotline.shortcut')} <Kbd>N</Kbd>
          </Text>
        </Stack>
        <div style={{ flex: 1, minWidth: 280 }}>
          <OnDutyNow />
        </div>
      </Group>
      {can(me, 'call:list') && <RecentCalls />}
    </Stack>
  );
}

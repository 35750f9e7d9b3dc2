import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { addDays } from '../../lib/datetime.ts';
import { useMe, can } from '../session/useMe.ts';
import { CallFiltersForm } from './CallFiltersForm.tsx';
import { CallsTable } from './CallsTable.tsx';
import { useCalls, type CallFilters } from './callsApi.ts';

// The filter's dates are whole local days: from the start of the first to the end of the last.
function toInstants(filters: CallFilters): CallFilters {
  const day = (value: string) => new Date(`${value}T00:00:00`);
  return {
    ...filters,
    ...(filters.from ? { from: day(filters.from).toISOString() } : {}),
    ...(filters.to ? { to: new Date(addDays(day(filters.to), 1).getTime() - 1).toISOString() } : {}),
  };
}

/** Every call, searchable by date, caller type, decision and handler. */
export function CallsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<CallFilters>({});
  const calls = useCalls(toInstants(filters));
  return (
    <Stack gap="md" maw={1180}>
      <Group justify="space-between">
        <Title order={1}>{t('calls.title')}</Title>
        {can(me, 'call:create') && (
          <Button component={Link} to="/calls/new">
            {t('hotline.newCall')}
          </Button>
        )}
      </Group>
      <CallFiltersForm value={filters} onChange={setFilters} />
      <ErrorAlert error={calls.error} />
      {calls.isPending && <LoadingRow />}
      {!calls.isPending && !calls.error && calls.items.length === 0 && <EmptyState>{t('calls.empty')}</EmptyState>}
      {calls.items.length > 0 && (
        <CallsTable calls={calls.items} caption={t('calls.caption', { n: calls.items.length })} />
      )}
      <ShowMore list={calls} />
    </Stack>
  );
}

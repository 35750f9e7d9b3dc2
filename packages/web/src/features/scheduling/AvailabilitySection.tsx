import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { PeriodForm } from './PeriodForm.tsx';
import { PeriodTable } from './PeriodRows.tsx';
import { useAddAvailability, useAvailability, useRemoveAvailability, useStaff, type Period } from './schedulingApi.ts';

type Props = { period: Period; canManageOthers: boolean; canManageOwn: boolean };

/** When staff can meet, which is what booking proposes from. Officers enter their own. */
export function AvailabilitySection({ period, canManageOthers, canManageOwn }: Props) {
  const { t } = useTranslation();
  const windows = useAvailability(period);
  const staff = useStaff(canManageOthers);
  const add = useAddAvailability();
  const remove = useRemoveAvailability();
  const rows = windows.data?.windows ?? [];
  const canAdd = canManageOthers || canManageOwn;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="availability-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="availability-title">
          {t('roster.availability')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('roster.availabilityHelp')}
        </Text>
        {canAdd && (!canManageOthers || staff.data) && (
          <PeriodForm
            label={t('roster.addAvailability')}
            submitLabel={t('roster.addAvailability')}
            staff={canManageOthers ? staff.data?.staff : undefined}
            defaultHours={[8, 17]}
            error={add.error}
            pending={add.isPending}
            onSubmit={(input) => add.mutate(input)}
          />
        )}
        <ErrorAlert error={windows.error ?? remove.error ?? add.error} />
        {windows.isPending && <LoadingRow />}
        {windows.data && rows.length === 0 && <EmptyState>{t('roster.noAvailability')}</EmptyState>}
        {rows.length > 0 && (
          <PeriodTable
            rows={rows}
            caption={t('roster.availabilityCaption')}
            removeLabel={(r) => t('roster.removeAvailability', { name: r.displayName })}
            onRemove={canAdd ? (id) => remove.mutate(id) : undefined}
            removing={remove.isPending}
          />
        )}
      </Stack>
    </Paper>
  );
}

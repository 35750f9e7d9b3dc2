import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { PeriodForm } from './PeriodForm.tsx';
import { PeriodTable } from './PeriodRows.tsx';
import { useAddShift, useRemoveShift, useShifts, useStaff, type Period } from './schedulingApi.ts';

/** The duty shifts of one week; the roster manager adds and removes them. */
export function ShiftsSection({ period, canManage }: { period: Period; canManage: boolean }) {
  const { t } = useTranslation();
  const shifts = useShifts(period);
  const staff = useStaff(canManage);
  const add = useAddShift();
  const remove = useRemoveShift();
  const rows = (shifts.data?.shifts ?? []).map((s) => ({
    ...s,
    extra: s.roles.map((r) => t(`role.${r}`)).join(', '),
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shifts-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="shifts-title">
          {t('roster.shifts')}
        </Title>
        {canManage && staff.data && (
          <PeriodForm
            label={t('roster.addShift')}
            submitLabel={t('roster.addShift')}
            staff={staff.data.staff}
            defaultHours={[17, 8]}
            error={add.error}
            pending={add.isPending}
            onSubmit={(input) => add.mutate({ ...input, userId: input.userId ?? '' })}
          />
        )}
        <ErrorAlert error={shifts.error ?? staff.error ?? remove.error ?? add.error} />
        {shifts.isPending && <LoadingRow />}
        {shifts.data && rows.length === 0 && <EmptyState>{t('roster.noShifts')}</EmptyState>}
        {rows.length > 0 && (
          <PeriodTable
            rows={rows}
            caption={t('roster.shiftsCaption')}
            removeLabel={(r) => t('roster.removeShift', { name: r.displayName })}
            onRemove={canManage ? (id) => remove.mutate(id) : undefined}
            removing={remove.isPending}
          />
        )}
      </Stack>
    </Paper>
  );
}

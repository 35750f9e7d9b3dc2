import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { leadsCases } from '../../lib/domain.ts';
import { formatTime } from '../../lib/format.ts';
import { useOnDutyNow, type Shift } from '../scheduling/schedulingApi.ts';

const isCoordinator = (s: Shift) => leadsCases(s.roles);

/** Who is on duty right now, the coordinator first. */
export function OnDutyNow() {
  const { t, i18n } = useTranslation();
  const duty = useOnDutyNow();
  const shifts = [...(duty.data?.onDuty ?? [])].sort(
    (a, b) => Number(isCoordinator(b)) - Number(isCoordinator(a)) || a.displayName.localeCompare(b.displayName),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="on-duty-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="on-duty-title">
          {t('hotline.onDuty')}
        </Title>
        <ErrorAlert error={duty.error} />
        {duty.isPending && <LoadingRow />}
        {duty.data && shifts.length === 0 && <EmptyState>{t('hotline.noneOnDuty')}</EmptyState>}
        {shifts.length > 0 && (
          <Stack gap={4} component="ul" className="utvag-plain-list">
            {shifts.map((s) => (
              <Group key={s.id} component="li" gap="sm" wrap="nowrap">
                <Text fw={700} size="lg">
                  {s.displayName}
                </Text>
                {s.roles.map((r) => (
                  <Badge key={r} variant={leadsCases([r]) ? 'filled' : 'light'} radius="sm">
                    {i18n.exists(`role.${r}`) ? t(`role.${r}`) : r}
                  </Badge>
                ))}
                <Text size="sm" c="dimmed">
                  {t('hotline.until', { time: formatTime(s.endsAt, i18n.language) })}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

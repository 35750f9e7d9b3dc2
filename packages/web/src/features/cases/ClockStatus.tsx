import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTimeShort, splitMinutes } from '../../lib/format.ts';
import type { Clock } from './caseApi.ts';

/** "3 h 20 min" in the interface language. */
export function useLateText(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    const { hours, minutes: rest } = splitMinutes(minutes);
    return hours > 0 ? t('clock.hoursMinutes', { hours, minutes: rest }) : t('clock.minutes', { minutes: rest });
  };
}

const COLOUR: Record<Clock['status'], string> = {
  // Dark shades: outlined badges keep their text at AA contrast on white.
  not_started: 'gray.8',
  due: 'blue.9',
  late: 'red.9',
  on_time: '#1d6330',
  met_late: '#8a3a00',
};

/** Both clocks of a case: target, and on time or late by how much. */
export function CaseClocks({ clocks }: { clocks: Record<string, Clock> }) {
  const { t, i18n } = useTranslation();
  const lateText = useLateText();
  return (
    <Stack gap="xs" component="section" aria-labelledby="clocks-title">
      <Title order={2} size="h4" id="clocks-title">
        {t('case.clocks')}
      </Title>
      {Object.entries(clocks).map(([kind, clock]) => (
        <Group key={kind} gap="sm" wrap="wrap">
          <Text fw={600} w={280}>
            {t(`clock.${kind}`)}
          </Text>
          <Badge color={COLOUR[clock.status]} variant={clock.status === 'late' ? 'filled' : 'outline'} radius="sm">
            {clock.status === 'late' || clock.status === 'met_late'
              ? t(`clockStatus.${clock.status}`, { late: lateText(clock.lateByMinutes) })
              : t(`clockStatus.${clock.status}`)}
          </Badge>
          {clock.dueAt && (
            <Text size="sm" c="dimmed">
              {t('clock.due', { at: formatDateTimeShort(clock.dueAt, i18n.language) })}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}

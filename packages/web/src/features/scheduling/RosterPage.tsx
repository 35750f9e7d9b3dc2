import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, startOfWeek } from '../../lib/datetime.ts';
import { formatDay } from '../../lib/format.ts';
import { can, useMe } from '../session/useMe.ts';
import { AvailabilitySection } from './AvailabilitySection.tsx';
import { ShiftsSection } from './ShiftsSection.tsx';

/** The duty roster and availability, one week at a time. */
export function RosterPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [offset, setOffset] = useState(0);
  const period = useMemo(() => {
    const from = addDays(startOfWeek(new Date()), offset * 7);
    return { from: from.toISOString(), to: addDays(from, 7).toISOString() };
  }, [offset]);
  const lastDay = addDays(new Date(period.to), -1).toISOString();
  return (
    <Stack gap="md" maw={1080}>
      <Title order={1}>{t('roster.title')}</Title>
      <Group gap="sm">
        <Button variant="default" onClick={() => setOffset((o) => o - 1)}>
          {t('roster.previousWeek')}
        </Button>
        <Button variant="default" onClick={() => setOffset(0)} disabled={offset === 0}>
          {t('roster.thisWeek')}
        </Button>
        <Button variant="default" onClick={() => setOffset((o) => o + 1)}>
          {t('roster.nextWeek')}
        </Button>
        <Text fw={600} aria-live="polite">
          {formatDay(period.from, i18n.language)} – {formatDay(lastDay, i18n.language)}
        </Text>
      </Group>
      <ShiftsSection period={period} canManage={can(me, 'roster:manage')} />
      <AvailabilitySection
        period={period}
        canManageOthers={can(me, 'roster:manage')}
        canManageOwn={can(me, 'availability:manage')}
      />
    </Stack>
  );
}

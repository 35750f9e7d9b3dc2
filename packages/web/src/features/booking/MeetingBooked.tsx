import { Anchor, Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTimeShort, formatTime } from '../../lib/format.ts';
import { calendarUrl, type BookedMeeting } from '../cases/caseApi.ts';

type Props = { caseId: string; caseCode: string; meeting: BookedMeeting };

/** "The meeting is booked": the facts, the calendar file, and the way back to the hotline. */
export function MeetingBooked({ caseId, caseCode, meeting }: Props) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const lang = i18n.language;
  return (
    <Stack gap="md" maw={720}>
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('booking.booked')}
      </Title>
      <Paper withBorder p="md">
        <Table className="utvag-facts" variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>{t('booking.caseCode')}</Table.Th>
              <Table.Td className="utvag-mono">{caseCode}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('booking.time')}</Table.Th>
              <Table.Td>
                {formatDateTimeShort(meeting.startsAt, lang)}–{formatTime(meeting.endsAt, lang)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('booking.place')}</Table.Th>
              <Table.Td>{meeting.place.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('booking.staff')}</Table.Th>
              <Table.Td>{meeting.staff.displayName}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <Group>
        <Anchor href={calendarUrl(meeting.id)} download={`${caseCode}.ics`}>
          {t('booking.ics')}
        </Anchor>
        <Anchor component={Link} to={`/cases/${caseId}`}>
          {t('booking.toCase')}
        </Anchor>
        <Button component={Link} to="/calls/new" variant="default">
          {t('hotline.newCall')}
        </Button>
      </Group>
    </Stack>
  );
}

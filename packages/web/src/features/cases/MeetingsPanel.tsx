import { Anchor, Button, Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTimeShort, formatTime } from '../../lib/format.ts';
import { calendarUrl, useMeetingCancel, useMeetingHeld, type CaseDetail } from './caseApi.ts';

const label = (t: (k: string) => string, exists: (k: string) => boolean, prefix: string, value: string) =>
  exists(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value;

/** Meetings of the case with their calendar files; a booked first meeting can be marked held. */
export function MeetingsPanel({ data, canBook }: { data: CaseDetail; canBook: boolean }) {
  const { t, i18n } = useTranslation();
  const held = useMeetingHeld(data.id);
  const cancel = useMeetingCancel(data.id);
  const hasLiveMeeting = data.meetings.some((m) => m.status === 'booked' || m.status === 'held');
  const exists = (k: string) => i18n.exists(k);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="meetings-title">
      <Title order={2} size="h4" id="meetings-title" mb="xs">
        {t('case.meetings')}
      </Title>
      <ErrorAlert error={held.error ?? cancel.error} />
      {data.meetings.length > 0 && !hasLiveMeeting && canBook && (
        <Anchor component={Link} to={`/cases/${data.id}/book`} display="block" mb="xs">
          {t('case.bookFirst')}
        </Anchor>
      )}
      {data.meetings.length === 0 ? (
        <EmptyState>
          {t('case.noMeetings')}{' '}
          {canBook && (
            <Anchor component={Link} to={`/cases/${data.id}/book`}>
              {t('case.bookFirst')}
            </Anchor>
          )}
        </EmptyState>
      ) : (
        <Table withTableBorder striped className="utvag-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('booking.time')}</Table.Th>
              <Table.Th scope="col">{t('case.meetingKind')}</Table.Th>
              <Table.Th scope="col">{t('booking.place')}</Table.Th>
              <Table.Th scope="col">{t('booking.staff')}</Table.Th>
              <Table.Th scope="col">{t('case.meetingStatus')}</Table.Th>
              <Table.Th scope="col">{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.meetings.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTimeShort(m.startsAt, i18n.language)}–{formatTime(m.endsAt, i18n.language)}
                </Table.Td>
                <Table.Td>{label(t, exists, 'meetingKind', m.kind)}</Table.Td>
                <Table.Td>{m.place.name ?? t('booking.placeHidden')}</Table.Td>
                <Table.Td>{m.staff.displayName}</Table.Td>
                <Table.Td>{label(t, exists, 'meetingStatus', m.status)}</Table.Td>
                <Table.Td>
                  <Anchor href={calendarUrl(m.id)} download={`${data.code}.ics`} mr="md" size="sm">
                    {t('case.ics')}
                  </Anchor>
                  {(m.kind === 'first_meeting' || m.kind === 'first') && m.status === 'booked' && (
                    <Button size="compact-sm" loading={held.isPending} onClick={() => held.mutate(m.id)}>
                      {t('case.meetingHeld')}
                    </Button>
                  )}
                  {m.status === 'booked' && (
                    <Button
                      size="compact-sm"
                      variant="default"
                      ml="xs"
                      loading={cancel.isPending}
                      onClick={() => cancel.mutate(m.id)}
                    >
                      {t('case.meetingCancel')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

import { Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useBookMeeting, useCase, useMeetingProposals } from '../cases/caseApi.ts';
import { AcuteAlarm } from '../instruments/AcuteAlarm.tsx';
import { MeetingBooked } from './MeetingBooked.tsx';
import { SlotPicker, slotKey } from './SlotPicker.tsx';

const DURATIONS = [30, 45, 60, 90] as const;

/**
 * Booking the first meeting, straight after the call: the earliest free slot is chosen and has
 * focus, so Enter books it; another time is an arrow key and Enter away.
 */
export function BookMeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const fromCall = (location.state ?? null) as { caseCode?: string; acute?: boolean } | null;
  const [duration, setDuration] = useState(60);
  const [durationChosen, setDurationChosen] = useState(false);
  const proposals = useMeetingProposals(id, duration);
  // Late in the evening a full hour no longer fits before midnight: propose the shortest first
  // meeting today rather than none (the same day is what matters), unless a length was chosen.
  // (Adjusted while rendering, as React advises for state that follows other state.)
  if (proposals.data?.slots.length === 0 && !durationChosen && duration > DURATIONS[0]) setDuration(DURATIONS[0]);
  const caseQuery = useCase(id);
  const book = useBookMeeting(id);
  const [chosen, setChosen] = useState<string | null>(null);

  const slots = proposals.data?.slots ?? [];
  const first = slots[0];
  const selectedKey = chosen ?? (first ? slotKey(first) : '');
  const selected = slots.find((s) => slotKey(s) === selectedKey);
  const caseCode = caseQuery.data?.code ?? fromCall?.caseCode ?? '';
  const acute = caseQuery.data?.acute ?? fromCall?.acute ?? false;

  if (book.data) return <MeetingBooked caseId={id} caseCode={caseCode} meeting={book.data.meeting} />;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!selected || book.isPending) return;
    book.mutate({
      startsAt: selected.startsAt,
      durationMinutes: duration,
      staffUserId: selected.staff.userId,
      placeId: selected.place.id,
    });
  };

  // Enter on a chosen time books it.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack gap="md" maw={820}>
      <Stack gap={2}>
        <Title order={1}>{t('booking.title')}</Title>
        {caseCode && (
          <Text>
            {t('booking.caseOpened')} <span className="utvag-mono">{caseCode}</span>
          </Text>
        )}
      </Stack>
      {acute && <AcuteAlarm acuteItemIds={['acute']} />}
      <ErrorAlert error={proposals.error} />
      <ErrorAlert error={book.error} />
      {proposals.isPending && <LoadingRow />}
      {proposals.data && slots.length === 0 && (
        <EmptyState>
          {t('booking.noSlots')} <Link to={`/cases/${id}`}>{t('booking.toCase')}</Link>
        </EmptyState>
      )}
      {slots.length > 0 && (
        <Paper withBorder p="md">
          <form onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('booking.title')}>
            <Stack gap="md">
              <SlotPicker slots={slots} value={selectedKey} onChange={setChosen} />
              <Group align="flex-end">
                <Button type="submit" size="md" loading={book.isPending}>
                  {t('booking.book')}
                </Button>
                <NativeSelect
                  label={t('booking.duration')}
                  value={String(duration)}
                  onChange={(e) => {
                    setChosen(null);
                    setDurationChosen(true);
                    setDuration(Number(e.currentTarget.value));
                  }}
                  data={DURATIONS.map((d) => ({ value: String(d), label: t('booking.minutes', { n: d }) }))}
                />
                <Button component={Link} to={`/cases/${id}`} variant="subtle">
                  {t('booking.later')}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {t('booking.keys')}
              </Text>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

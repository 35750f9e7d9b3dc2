import { Button, MultiSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import { useStaff } from '../scheduling/schedulingApi.ts';
import { useMeetingRecords, useRecordMeeting, type MeetingRecord } from './assessmentApi.ts';

/** "Första möte": who took part, the person's motivation and situation in their own words, what was explained. */
export function MeetingRecordPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const records = useMeetingRecords(caseId);
  return (
    <Stack gap="md">
      <SectionState error={records.error} isPending={records.isPending} />
      {records.data && records.data.meetingRecords.length === 0 && <EmptyState>{t('meetingRecord.empty')}</EmptyState>}
      {records.data?.meetingRecords.map((r) => (
        <MeetingRecordView key={r.id} record={r} />
      ))}
      {canWrite && !records.error && <MeetingRecordForm caseId={caseId} />}
    </Stack>
  );
}

function MeetingRecordView({ record }: { record: MeetingRecord }) {
  const { t, i18n } = useTranslation();
  const staff = useStaff();
  const nameOf = (id: string) =>
    staff.data?.staff.find((s) => s.userId === id)?.displayName ?? t('common.unknownPerson');
  const rows: [string, string | null][] = [
    ['meetingRecord.participants', record.participantUserIds.map(nameOf).join(', ') || null],
    ['meetingRecord.othersPresent', record.othersPresent],
    ['meetingRecord.motivation', record.motivation],
    ['meetingRecord.situation', record.situation],
    ['meetingRecord.explained', record.explained],
  ];
  const titleId = `meeting-record-${record.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="xs">
        {t('meetingRecord.recordedAt', { at: formatDateTimeShort(record.createdAt, i18n.language) })}
      </Title>
      <Table variant="vertical" withRowBorders={false} className="utvag-facts">
        <Table.Tbody>
          {rows.map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th w={220}>{t(key)}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function MeetingRecordForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const record = useRecordMeeting(caseId);
  const errors = useFieldErrors(record.error);
  const [participants, setParticipants] = useState<string[]>([]);
  const [othersPresent, setOthersPresent] = useState('');
  const [motivation, setMotivation] = useState('');
  const [situation, setSituation] = useState('');
  const [explained, setExplained] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { participantUserIds: participants, othersPresent, motivation, situation, explained },
      {
        onSuccess: () => {
          setParticipants([]);
          setOthersPresent('');
          setMotivation('');
          setSituation('');
          setExplained('');
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="meeting-record-form-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="meeting-record-form-title">
          {t('meetingRecord.formTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('meetingRecord.ownWordsHelp')}
        </Text>
        <FieldErrorList error={record.error} />
        <MultiSelect
          label={t('meetingRecord.participants')}
          data={(staff.data?.staff ?? []).map((s) => ({ value: s.userId, label: s.displayName }))}
          value={participants}
          onChange={setParticipants}
          required
          searchable
          error={errors.participantUserIds}
        />
        <TextInput
          label={t('meetingRecord.othersPresent')}
          value={othersPresent}
          onChange={(e) => setOthersPresent(e.currentTarget.value)}
          error={errors.othersPresent}
        />
        <Textarea
          label={t('meetingRecord.motivation')}
          autosize
          minRows={3}
          required
          value={motivation}
          onChange={(e) => setMotivation(e.currentTarget.value)}
          error={errors.motivation}
        />
        <Textarea
          label={t('meetingRecord.situation')}
          autosize
          minRows={3}
          required
          value={situation}
          onChange={(e) => setSituation(e.currentTarget.value)}
          error={errors.situation}
        />
        <Textarea
          label={t('meetingRecord.explained')}
          autosize
          minRows={2}
          required
          value={explained}
          onChange={(e) => setExplained(e.currentTarget.value)}
          error={errors.explained}
        />
        <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('meetingRecord.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

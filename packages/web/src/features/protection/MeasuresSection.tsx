import { Button, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import { MEASURE_KINDS, MEASURE_STATUSES, useCreateMeasure, useMeasures } from './protectionApi.ts';

/** Other protective measures: contact ban, safety alarm, police measures. */
export function MeasuresSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useMeasures(caseId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="measures-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="measures-title">
          {t('measure.title')}
        </Title>
        <SectionState error={list.error} isPending={list.isPending} />
        {list.data && list.data.measures.length === 0 && <EmptyState>{t('measure.empty')}</EmptyState>}
        {list.data && list.data.measures.length > 0 && (
          <Table withTableBorder striped className="utvag-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('measure.kind')}</Table.Th>
                <Table.Th scope="col">{t('measure.status')}</Table.Th>
                <Table.Th scope="col">{t('measure.period')}</Table.Th>
                <Table.Th scope="col">{t('measure.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.measures.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{t(`measure.kindName.${m.kind}`)}</Table.Td>
                  <Table.Td>{t(`measure.statusName.${m.status}`)}</Table.Td>
                  <Table.Td>
                    {m.startsOn ?? '—'} – {m.endsOn ?? '—'}
                  </Table.Td>
                  <Table.Td>{m.note ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite && list.data && <MeasureForm caseId={caseId} />}
      </Stack>
    </Paper>
  );
}

function MeasureForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const create = useCreateMeasure(caseId);
  const errors = useFieldErrors(create.error);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('active');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        kind: kind ?? '',
        status,
        ...(startsOn ? { startsOn } : {}),
        ...(endsOn ? { endsOn } : {}),
        ...(note ? { note } : {}),
      },
      {
        onSuccess: () => {
          setKind(null);
          setNote('');
          setStartsOn('');
          setEndsOn('');
        },
      },
    );
  };
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="measure-form-title">
      <Title order={3} size="h5" id="measure-form-title">
        {t('measure.formTitle')}
      </Title>
      <FieldErrorList error={create.error} />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('measure.kind')}
          data={MEASURE_KINDS.map((k) => ({ value: k, label: t(`measure.kindName.${k}`) }))}
          value={kind}
          onChange={setKind}
          required
          error={errors.kind}
          w={220}
        />
        <Select
          label={t('measure.status')}
          data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`measure.statusName.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v ?? 'active')}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          type="date"
          label={t('measure.startsOn')}
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
          error={errors.startsOn}
        />
        <TextInput
          type="date"
          label={t('measure.endsOn')}
          value={endsOn}
          onChange={(e) => setEndsOn(e.currentTarget.value)}
          error={errors.endsOn}
        />
        <TextInput
          label={t('measure.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button type="submit" variant="default" loading={create.isPending}>
          {t('measure.save')}
        </Button>
      </Group>
    </Stack>
  );
}

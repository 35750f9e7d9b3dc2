import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { fromLocalInput, toLocalInput } from '../../lib/datetime.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { REVIEW_TRIGGERS } from '../../lib/domain.ts';
import { useRecordIncident } from './riskApi.ts';

/** Records a new threat incident, a move or a relapse: a new analysis becomes due. */
export function IncidentForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const record = useRecordIncident(caseId);
  const errors = useFieldErrors(record.error);
  const [kind, setKind] = useState<string | null>(null);
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date()));
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { kind: kind ?? '', occurredAt: fromLocalInput(occurredAt) ?? occurredAt, ...(note ? { note } : {}) },
      {
        onSuccess: () => {
          setKind(null);
          setNote('');
        },
      },
    );
  };
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="incident-form-title">
      <Title order={3} size="h5" id="incident-form-title">
        {t('risk.incidentTitle')}
      </Title>
      <FieldErrorList error={record.error} />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('risk.incidentKind')}
          data={REVIEW_TRIGGERS.map((k) => ({ value: k, label: t(`risk.incident.${k}`) }))}
          value={kind}
          onChange={setKind}
          required
          error={errors.kind}
          w={220}
        />
        <TextInput
          type="datetime-local"
          label={t('risk.incidentAt')}
          required
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.currentTarget.value)}
          error={errors.occurredAt}
        />
        <TextInput
          label={t('risk.incidentNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button type="submit" variant="default" loading={record.isPending}>
          {t('risk.incidentSave')}
        </Button>
      </Group>
    </Stack>
  );
}

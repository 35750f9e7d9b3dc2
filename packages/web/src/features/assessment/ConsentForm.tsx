import {
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { fromLocalInput, toLocalInput } from '../../lib/datetime.ts';
import { SECTIONS } from '../../lib/domain.ts';
import { fileToBase64 } from '../../lib/files.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import {
  useRecordConsent,
  useUploadAttachment,
  type ProgrammeOrganisation,
  type SigningMethod,
} from './assessmentApi.ts';
import { SigningMethodRadio } from './SigningMethodRadio.tsx';

type Row = { key: number; organisationId: string | null; purposes: string; sections: string[] };

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, organisationId: null, purposes: '', sections: [] });

/** Recording a consent: each organisation with its purposes and sections, date, and how it was given. */
export function ConsentForm({
  caseId,
  organisations,
}: {
  caseId: string;
  organisations: UseQueryResult<{ organisations: ProgrammeOrganisation[] }>;
}) {
  const { t, i18n } = useTranslation();
  const record = useRecordConsent(caseId);
  const upload = useUploadAttachment(caseId);
  const errors = useFieldErrors(record.error);
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [givenAt, setGivenAt] = useState(() => toLocalInput(new Date()));
  const [method, setMethod] = useState<SigningMethod>('signed_paper');
  const [witnessName, setWitnessName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);

  const options = (organisations.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }));
  const update = (key: number, patch: Partial<Row>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    let attachmentId: string | undefined;
    if (method === 'signed_paper' && file) {
      const dataBase64 = await fileToBase64(file);
      const uploaded = await upload
        .mutateAsync({ filename: file.name, contentType: file.type || 'application/octet-stream', dataBase64 })
        .catch(() => null);
      if (!uploaded) return;
      attachmentId = uploaded.id;
    }
    record.mutate(
      {
        organisations: rows.map((r) => ({
          organisationId: r.organisationId ?? '',
          purposes: r.purposes,
          sections: r.sections,
        })),
        givenAt: fromLocalInput(givenAt) ?? givenAt,
        method,
        ...(method === 'oral_with_witness' ? { witnessName } : {}),
        ...(attachmentId ? { attachmentId } : {}),
      },
      {
        onSuccess: () => {
          setRows([emptyRow()]);
          setWitnessName('');
          setFile(null);
          setSaved(true);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={(e) => void submit(e)} aria-labelledby="consent-form-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="consent-form-title">
          {t('consent.formTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('consent.formHelp')}
        </Text>
        <ErrorAlert error={organisations.error} />
        <ErrorAlert error={upload.error} />
        <FieldErrorList error={record.error} />
        {saved && (
          <Text role="status" c="#1d6330" fw={600}>
            {t('consent.saved')}
          </Text>
        )}
        {rows.map((row, i) => (
          <Stack key={row.key} gap="xs" component="fieldset" className="utvag-fieldset">
            <Text component="legend" fw={700}>
              {t('consent.organisationN', { n: i + 1 })}
            </Text>
            <Select
              label={t('consent.organisation')}
              data={options}
              value={row.organisationId}
              onChange={(value) => update(row.key, { organisationId: value })}
              searchable
              required
              error={errors[`organisations.${String(i)}.organisationId`]}
            />
            <Textarea
              label={t('consent.purposes')}
              autosize
              minRows={2}
              required
              value={row.purposes}
              onChange={(e) => update(row.key, { purposes: e.currentTarget.value })}
              error={errors[`organisations.${String(i)}.purposes`]}
            />
            <Checkbox.Group
              label={t('consent.sections')}
              value={row.sections}
              onChange={(sections) => update(row.key, { sections })}
              required
              error={errors[`organisations.${String(i)}.sections`]}
            >
              <Group gap="md" mt={4}>
                {SECTIONS.map((s) => (
                  <Checkbox key={s} value={s} label={i18n.exists(`sectionName.${s}`) ? t(`sectionName.${s}`) : s} />
                ))}
              </Group>
            </Checkbox.Group>
            {rows.length > 1 && (
              <Button
                variant="subtle"
                size="compact-sm"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
              >
                {t('consent.removeOrganisation', { n: i + 1 })}
              </Button>
            )}
          </Stack>
        ))}
        <Button
          variant="default"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => setRows((list) => [...list, emptyRow()])}
        >
          {t('consent.addOrganisation')}
        </Button>
        <TextInput
          type="datetime-local"
          label={t('consent.givenAt')}
          required
          value={givenAt}
          onChange={(e) => setGivenAt(e.currentTarget.value)}
          error={errors.givenAt}
          w={260}
        />
        <SigningMethodRadio value={method} onChange={setMethod} error={errors.method} />
        {method === 'signed_paper' ? (
          <FileInput
            label={t('consent.scan')}
            description={t('consent.scanHelp')}
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            onChange={setFile}
            clearable
            error={errors.attachmentId}
            w={420}
          />
        ) : (
          <TextInput
            label={t('consent.witnessName')}
            required
            value={witnessName}
            onChange={(e) => setWitnessName(e.currentTarget.value)}
            error={errors.witnessName}
            w={420}
          />
        )}
        <Button type="submit" loading={record.isPending || upload.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('consent.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

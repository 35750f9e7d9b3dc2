import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { todayLocal } from '../../lib/files.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import {
  APPLICATION_STATUSES,
  DECIDING_AUTHORITY,
  PROTECTED_DATA_KINDS,
  useCreateProtectedData,
  useProtectedData,
} from './protectionApi.ts';

/** Protected personal data: confidentiality marking, protected registration, fictitious identity. */
export function ProtectedDataSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useProtectedData(caseId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="protected-data-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="protected-data-title">
          {t('protectedData.title')}
        </Title>
        <SectionState error={list.error} isPending={list.isPending} />
        {list.data && list.data.applications.length === 0 && <EmptyState>{t('protectedData.empty')}</EmptyState>}
        {list.data && list.data.applications.length > 0 && (
          <Table withTableBorder striped className="utvag-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('protectedData.kind')}</Table.Th>
                <Table.Th scope="col">{t('protectedData.authority')}</Table.Th>
                <Table.Th scope="col">{t('protectedData.status')}</Table.Th>
                <Table.Th scope="col">{t('protectedData.appliedOn')}</Table.Th>
                <Table.Th scope="col">{t('protectedData.decidedOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.applications.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(`protectedData.kindName.${a.kind}`)}</Table.Td>
                  <Table.Td>{t(`protectedData.authorityName.${a.authority}`)}</Table.Td>
                  <Table.Td>{t(`protectedData.statusName.${a.status}`)}</Table.Td>
                  <Table.Td>{a.appliedOn}</Table.Td>
                  <Table.Td>{a.decidedOn ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite && list.data && <ProtectedDataForm caseId={caseId} />}
      </Stack>
    </Paper>
  );
}

function ProtectedDataForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const create = useCreateProtectedData(caseId);
  const errors = useFieldErrors(create.error);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('applied');
  const [appliedOn, setAppliedOn] = useState(todayLocal());
  const [decidedOn, setDecidedOn] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { kind: kind ?? '', status, appliedOn, ...(decidedOn ? { decidedOn } : {}) },
      {
        onSuccess: () => {
          setKind(null);
          setDecidedOn('');
        },
      },
    );
  };
  const authority = kind ? DECIDING_AUTHORITY[kind as keyof typeof DECIDING_AUTHORITY] : undefined;
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="protected-data-form-title">
      <Title order={3} size="h5" id="protected-data-form-title">
        {t('protectedData.formTitle')}
      </Title>
      <FieldErrorList error={create.error} />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('protectedData.kind')}
          data={PROTECTED_DATA_KINDS.map((k) => ({ value: k, label: t(`protectedData.kindName.${k}`) }))}
          value={kind}
          onChange={setKind}
          required
          error={errors.kind}
          w={260}
        />
        <Select
          label={t('protectedData.status')}
          data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`protectedData.statusName.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v ?? 'applied')}
          allowDeselect={false}
          required
          w={160}
        />
        <TextInput
          type="date"
          label={t('protectedData.appliedOn')}
          required
          value={appliedOn}
          onChange={(e) => setAppliedOn(e.currentTarget.value)}
          error={errors.appliedOn}
        />
        {status !== 'applied' && (
          <TextInput
            type="date"
            label={t('protectedData.decidedOn')}
            required
            value={decidedOn}
            onChange={(e) => setDecidedOn(e.currentTarget.value)}
            error={errors.decidedOn}
          />
        )}
        <Button type="submit" variant="default" loading={create.isPending}>
          {t('protectedData.save')}
        </Button>
      </Group>
      {authority && (
        <Text size="sm" c="dimmed">
          {t('protectedData.decidedBy', { authority: t(`protectedData.authorityName.${authority}`) })}
        </Text>
      )}
    </Stack>
  );
}

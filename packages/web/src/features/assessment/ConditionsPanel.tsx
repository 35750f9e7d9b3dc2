import { Button, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { fromLocalInput, toLocalInput } from '../../lib/datetime.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import { pick } from '../instruments/answerLabels.ts';
import { useConditions, useSignConditions, type ConditionsVersion, type SigningMethod } from './assessmentApi.ts';
import { SigningMethodRadio } from './SigningMethodRadio.tsx';

/** "Villkor": the programme's conditions (current version) and the person's signings. */
export function ConditionsPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const conditions = useConditions(caseId);
  const data = conditions.data;
  return (
    <Stack gap="md">
      <SectionState error={conditions.error} isPending={conditions.isPending} />
      {data && (
        <Paper withBorder p="md" component="section" aria-labelledby="conditions-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="conditions-title">
              {data.current ? t('conditions.currentTitle', { version: data.current.version }) : t('conditions.title')}
            </Title>
            {data.current ? (
              <List type="ordered" spacing={4}>
                {data.current.conditions.map((c) => (
                  <List.Item key={c.id}>{pick(c.text, i18n.language)}</List.Item>
                ))}
              </List>
            ) : (
              <EmptyState>{t('conditions.noVersion')}</EmptyState>
            )}
          </Stack>
        </Paper>
      )}
      {data && (
        <Paper withBorder p="md" component="section" aria-labelledby="signatures-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="signatures-title">
              {t('conditions.signatures')}
            </Title>
            {data.signatures.length === 0 ? (
              <EmptyState>{t('conditions.notSigned')}</EmptyState>
            ) : (
              <Table withTableBorder striped className="utvag-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('conditions.version')}</Table.Th>
                    <Table.Th scope="col">{t('conditions.signedAt')}</Table.Th>
                    <Table.Th scope="col">{t('consent.method')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.signatures.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{s.version}</Table.Td>
                      <Table.Td>{formatDateTimeShort(s.signedAt, i18n.language)}</Table.Td>
                      <Table.Td>{t(`signingMethod.${s.method}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {canWrite && data.current && <SignForm caseId={caseId} current={data.current} />}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function SignForm({ caseId, current }: { caseId: string; current: ConditionsVersion }) {
  const { t } = useTranslation();
  const sign = useSignConditions(caseId);
  const errors = useFieldErrors(sign.error);
  const [signedAt, setSignedAt] = useState(() => toLocalInput(new Date()));
  const [method, setMethod] = useState<SigningMethod>('signed_paper');
  const [witnessName, setWitnessName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    sign.mutate({
      version: current.version,
      signedAt: fromLocalInput(signedAt) ?? signedAt,
      method,
      ...(method === 'oral_with_witness' ? { witnessName } : {}),
    });
  };
  return (
    <Stack gap="sm" component="form" onSubmit={submit} aria-labelledby="sign-form-title">
      <Title order={3} size="h5" id="sign-form-title">
        {t('conditions.signTitle', { version: current.version })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('conditions.signHelp')}
      </Text>
      <FieldErrorList error={sign.error} />
      <TextInput
        type="datetime-local"
        label={t('conditions.signedAt')}
        required
        value={signedAt}
        onChange={(e) => setSignedAt(e.currentTarget.value)}
        error={errors.signedAt}
        w={260}
      />
      <SigningMethodRadio value={method} onChange={setMethod} error={errors.method} />
      {method === 'oral_with_witness' && (
        <TextInput
          label={t('consent.witnessName')}
          required
          value={witnessName}
          onChange={(e) => setWitnessName(e.currentTarget.value)}
          error={errors.witnessName}
          w={420}
        />
      )}
      <Button type="submit" loading={sign.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('conditions.sign')}
      </Button>
    </Stack>
  );
}

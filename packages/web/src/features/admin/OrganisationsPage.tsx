import { Button, NativeSelect, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../lib/domain.ts';
import { can, useMe } from '../session/useMe.ts';
import { useCreateOrganisation, useOrganisations } from './adminApi.ts';

/** Organisations that take part in programmes, and a form to add one. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const organisations = useOrganisations();
  const create = useCreateOrganisation();
  const fieldErrors = useFieldErrors(create.error);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('municipality');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, kind }, { onSuccess: () => setName('') });
  };

  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('organisations.title')}</Title>
      <ErrorAlert error={organisations.error} />
      {organisations.isPending && <LoadingRow />}
      {organisations.data?.organisations.length === 0 && <EmptyState>{t('organisations.empty')}</EmptyState>}
      {organisations.data && organisations.data.organisations.length > 0 && (
        <Table striped withTableBorder className="utvag-table">
          <Table.Caption>{t('organisations.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('organisations.name')}</Table.Th>
              <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisations.data.organisations.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{t(`organisationKind.${o.kind}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {can(me, 'organisation:manage') && (
        <Paper withBorder p="md" component="section" aria-labelledby="org-new">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h3" id="org-new">
                {t('organisations.new')}
              </Title>
              <ErrorAlert error={create.error} />
              <TextInput
                label={t('organisations.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldErrors.name}
              />
              <NativeSelect
                label={t('organisations.kind')}
                required
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as OrganisationKind)}
                data={ORGANISATION_KINDS.map((k) => ({
                  value: k,
                  label: t(`organisationKind.${k}`),
                }))}
                error={fieldErrors.kind}
              />
              <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
                {t('organisations.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

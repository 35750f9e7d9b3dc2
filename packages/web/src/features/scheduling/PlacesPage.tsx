import { Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { useAddPlace, useDeactivatePlace, usePlaces } from './schedulingApi.ts';

/** Meeting places. SECURITY: sensitive; the server shows them to programme staff only. */
export function PlacesPage() {
  const { t } = useTranslation();
  const places = usePlaces();
  const add = useAddPlace();
  const deactivate = useDeactivatePlace();
  const errors = useFieldErrors(add.error);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name: name.trim(), ...(address.trim() ? { address: address.trim() } : {}) },
      {
        onSuccess: () => {
          setName('');
          setAddress('');
        },
      },
    );
  };
  const rows = places.data?.places ?? [];
  return (
    <Stack gap="md" maw={980}>
      <Title order={1}>{t('places.title')}</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="add-place-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-place-title">
            {t('places.add')}
          </Title>
          <form onSubmit={submit} aria-labelledby="add-place-title">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('places.name')}
                required
                value={name}
                error={errors.name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <TextInput
                label={t('places.address')}
                w={360}
                value={address}
                error={errors.address}
                onChange={(e) => setAddress(e.currentTarget.value)}
              />
              <Button type="submit" mt={25} loading={add.isPending} disabled={name.trim() === ''}>
                {t('places.submit')}
              </Button>
            </Group>
          </form>
        </Stack>
      </Paper>
      <ErrorAlert error={places.error ?? add.error ?? deactivate.error} />
      {places.isPending && <LoadingRow />}
      {places.data && rows.length === 0 && <EmptyState>{t('places.empty')}</EmptyState>}
      {rows.length > 0 && (
        <Table striped withTableBorder className="utvag-table" verticalSpacing={4}>
          <Table.Caption>{t('places.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('places.name')}</Table.Th>
              <Table.Th scope="col">{t('places.address')}</Table.Th>
              <Table.Th scope="col">{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.address ?? '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={deactivate.isPending}
                    aria-label={t('places.deactivateFor', { name: p.name })}
                    onClick={() => deactivate.mutate(p.id)}
                  >
                    {t('places.deactivate')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

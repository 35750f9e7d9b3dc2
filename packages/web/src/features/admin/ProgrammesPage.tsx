import { Button, Checkbox, Paper, Stack, Switch, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { can, useMe } from '../session/useMe.ts';
import { useCreateProgramme, useProgrammes, useUpdateProgramme } from './adminApi.ts';

/** Programmes (regions), whether each requires passkeys, and a form to add one. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const programmes = useProgrammes();
  const create = useCreateProgramme();
  const update = useUpdateProgramme();
  const fieldErrors = useFieldErrors(create.error);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [requirePhishingResistant, setRequire] = useState(true);
  const manage = can(me, 'programme:manage');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, code, requirePhishingResistant },
      {
        onSuccess: () => {
          setName('');
          setCode('');
        },
      },
    );
  };

  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('programmes.title')}</Title>
      <ErrorAlert error={programmes.error ?? update.error} />
      {programmes.isPending && <LoadingRow />}
      {programmes.data?.programmes.length === 0 && <EmptyState>{t('programmes.empty')}</EmptyState>}
      {programmes.data && programmes.data.programmes.length > 0 && (
        <Table striped withTableBorder className="utvag-table">
          <Table.Caption>{t('programmes.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('programmes.code')}</Table.Th>
              <Table.Th scope="col">{t('programmes.name')}</Table.Th>
              <Table.Th scope="col">{t('programmes.passkeyOnly')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {programmes.data.programmes.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td className="utvag-mono">{p.code}</Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  {manage ? (
                    <Switch
                      checked={p.requirePhishingResistant}
                      disabled={update.isPending}
                      label={p.requirePhishingResistant ? t('common.yes') : t('common.no')}
                      aria-label={t('programmes.passkeyOnlyFor', {
                        name: p.name,
                      })}
                      onChange={(e) =>
                        update.mutate({
                          id: p.id,
                          requirePhishingResistant: e.currentTarget.checked,
                        })
                      }
                    />
                  ) : p.requirePhishingResistant ? (
                    t('common.yes')
                  ) : (
                    t('common.no')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && (
        <Paper withBorder p="md" component="section" aria-labelledby="programme-new">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} size="h3" id="programme-new">
                {t('programmes.new')}
              </Title>
              <ErrorAlert error={create.error} />
              <TextInput
                label={t('programmes.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldErrors.name}
              />
              <TextInput
                label={t('programmes.code')}
                description={t('setup.programmeCodeHelp')}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={fieldErrors.code}
              />
              <Checkbox
                label={t('programmes.passkeyOnly')}
                description={t('programmes.passkeyOnlyHelp')}
                checked={requirePhishingResistant}
                onChange={(e) => setRequire(e.currentTarget.checked)}
              />
              <Button type="submit" loading={create.isPending} disabled={!name.trim() || !code.trim()}>
                {t('programmes.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

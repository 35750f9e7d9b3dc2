import { Button, Group, Paper, Select, Stack, Table, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { can, useMe } from '../session/useMe.ts';
import {
  useAddPresence,
  useAddRivalry,
  useCreateGroup,
  useCreatePerson,
  useThreatGroups,
  useThreatPersons,
  type ThreatGroup,
} from './threatActorsApi.ts';

/** "Hotaktörer": the programme's groups, where they are, their rivalries, and the persons who threaten. */
export function ThreatActorsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canWrite = can(me, 'threat_actor:write');
  const groups = useThreatGroups();
  const persons = useThreatPersons();
  const list = groups.data?.groups ?? [];
  const nameOf = (id: string | null) => (id ? (list.find((g) => g.id === id)?.name ?? '—') : '—');
  return (
    <Stack gap="lg" maw={1080}>
      <Title order={1}>{t('threatActors.title')}</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="groups-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="groups-title">
            {t('threatActors.groups')}
          </Title>
          <ErrorAlert error={groups.error} />
          {groups.isPending && <LoadingRow />}
          {groups.data && list.length === 0 && <EmptyState>{t('threatActors.noGroups')}</EmptyState>}
          {list.length > 0 && (
            <Table withTableBorder striped className="utvag-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('threatActors.groupName')}</Table.Th>
                  <Table.Th scope="col">{t('threatActors.presence')}</Table.Th>
                  <Table.Th scope="col">{t('threatActors.rivals')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td fw={600}>{g.name}</Table.Td>
                    <Table.Td>{g.municipalities.join(', ') || '—'}</Table.Td>
                    <Table.Td>{g.rivalGroupIds.map(nameOf).join(', ') || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {canWrite && <GroupForms groups={list} />}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="persons-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="persons-title">
            {t('threatActors.persons')}
          </Title>
          <ErrorAlert error={persons.error} />
          {persons.isPending && <LoadingRow />}
          {persons.data && persons.data.persons.length === 0 && <EmptyState>{t('threatActors.noPersons')}</EmptyState>}
          {persons.data && persons.data.persons.length > 0 && (
            <Table withTableBorder striped className="utvag-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('threatActors.personName')}</Table.Th>
                  <Table.Th scope="col">{t('threatActors.alias')}</Table.Th>
                  <Table.Th scope="col">{t('threatActors.group')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {persons.data.persons.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{p.alias ?? '—'}</Table.Td>
                    <Table.Td>{nameOf(p.groupId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {canWrite && <PersonForm groups={list} />}
        </Stack>
      </Paper>
    </Stack>
  );
}

function GroupForms({ groups }: { groups: ThreatGroup[] }) {
  const { t } = useTranslation();
  const create = useCreateGroup();
  const presence = useAddPresence();
  const rivalry = useAddRivalry();
  const [name, setName] = useState('');
  const [presenceGroup, setPresenceGroup] = useState<string | null>(null);
  const [municipality, setMunicipality] = useState('');
  const [groupA, setGroupA] = useState<string | null>(null);
  const [groupB, setGroupB] = useState<string | null>(null);
  const options = groups.map((g) => ({ value: g.id, label: g.name }));
  const createErrors = useFieldErrors(create.error);
  const presenceErrors = useFieldErrors(presence.error);
  const rivalryErrors = useFieldErrors(rivalry.error);

  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name }, { onSuccess: () => setName('') });
  };
  const onPresence = (e: FormEvent) => {
    e.preventDefault();
    presence.mutate({ groupId: presenceGroup ?? '', municipality }, { onSuccess: () => setMunicipality('') });
  };
  const onRivalry = (e: FormEvent) => {
    e.preventDefault();
    rivalry.mutate({ groupA: groupA ?? '', groupB: groupB ?? '' });
  };
  return (
    <Stack gap="md">
      <Stack gap="xs" component="form" onSubmit={onCreate} aria-labelledby="new-group-title">
        <Title order={3} size="h5" id="new-group-title">
          {t('threatActors.newGroup')}
        </Title>
        <FieldErrorList error={create.error} />
        <Group align="flex-end">
          <TextInput
            label={t('threatActors.groupName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={createErrors.name}
            w={320}
          />
          <Button type="submit" variant="default" loading={create.isPending}>
            {t('threatActors.addGroup')}
          </Button>
        </Group>
      </Stack>
      <Stack gap="xs" component="form" onSubmit={onPresence} aria-labelledby="presence-title">
        <Title order={3} size="h5" id="presence-title">
          {t('threatActors.presenceTitle')}
        </Title>
        <FieldErrorList error={presence.error} />
        <Group align="flex-end">
          <Select
            label={t('threatActors.group')}
            data={options}
            value={presenceGroup}
            onChange={setPresenceGroup}
            required
            searchable
            w={260}
          />
          <TextInput
            label={t('threatActors.municipality')}
            required
            value={municipality}
            onChange={(e) => setMunicipality(e.currentTarget.value)}
            error={presenceErrors.municipality}
            w={240}
          />
          <Button type="submit" variant="default" loading={presence.isPending}>
            {t('threatActors.addPresence')}
          </Button>
        </Group>
      </Stack>
      <Stack gap="xs" component="form" onSubmit={onRivalry} aria-labelledby="rivalry-title">
        <Title order={3} size="h5" id="rivalry-title">
          {t('threatActors.rivalryTitle')}
        </Title>
        <FieldErrorList error={rivalry.error} />
        <Group align="flex-end">
          <Select
            label={t('threatActors.groupA')}
            data={options}
            value={groupA}
            onChange={setGroupA}
            required
            w={240}
          />
          <Select
            label={t('threatActors.groupB')}
            data={options}
            value={groupB}
            onChange={setGroupB}
            required
            error={rivalryErrors.groupB}
            w={240}
          />
          <Button type="submit" variant="default" loading={rivalry.isPending}>
            {t('threatActors.addRivalry')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

function PersonForm({ groups }: { groups: ThreatGroup[] }) {
  const { t } = useTranslation();
  const create = useCreatePerson();
  const errors = useFieldErrors(create.error);
  const [name, setName] = useState('');
  const [alias, setAlias] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, ...(alias ? { alias } : {}), ...(notes ? { notes } : {}), ...(groupId ? { groupId } : {}) },
      {
        onSuccess: () => {
          setName('');
          setAlias('');
          setNotes('');
          setGroupId(null);
        },
      },
    );
  };
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="new-person-title">
      <Title order={3} size="h5" id="new-person-title">
        {t('threatActors.newPerson')}
      </Title>
      <FieldErrorList error={create.error} />
      <Group align="flex-start" grow>
        <TextInput
          label={t('threatActors.personName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput label={t('threatActors.alias')} value={alias} onChange={(e) => setAlias(e.currentTarget.value)} />
        <Select
          label={t('threatActors.group')}
          data={groups.map((g) => ({ value: g.id, label: g.name }))}
          value={groupId}
          onChange={setGroupId}
          clearable
        />
      </Group>
      <Textarea
        label={t('threatActors.notes')}
        autosize
        minRows={1}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      <Button type="submit" variant="default" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('threatActors.addPerson')}
      </Button>
    </Stack>
  );
}

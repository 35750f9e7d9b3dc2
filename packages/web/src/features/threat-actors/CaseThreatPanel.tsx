import { Button, Group, Paper, Radio, Select, Stack, Table, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { SectionState } from '../cases/SectionState.tsx';
import {
  ACTOR_LINK_KINDS,
  useActorLinks,
  useAddActorLink,
  useThreatGroups,
  useThreatPersons,
} from './threatActorsApi.ts';

/** "Hotbild": the case's links to groups and threatening persons in the registry. */
export function CaseThreatPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const links = useActorLinks(caseId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="threat-links-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="threat-links-title">
          {t('threat.linksTitle')}
        </Title>
        <SectionState error={links.error} isPending={links.isPending} />
        {links.data && links.data.links.length === 0 && <EmptyState>{t('threat.noLinks')}</EmptyState>}
        {links.data && links.data.links.length > 0 && (
          <Table withTableBorder striped className="utvag-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('threat.kind')}</Table.Th>
                <Table.Th scope="col">{t('threatActors.group')}</Table.Th>
                <Table.Th scope="col">{t('threatActors.personName')}</Table.Th>
                <Table.Th scope="col">{t('threat.linkedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {links.data.links.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{t(`threat.linkKind.${l.kind}`)}</Table.Td>
                  <Table.Td>{l.group?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    {l.threatPerson
                      ? `${l.threatPerson.name}${l.threatPerson.alias ? ` (${l.threatPerson.alias})` : ''}`
                      : '—'}
                  </Table.Td>
                  <Table.Td>{formatDateTimeShort(l.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canWrite && !links.error && <LinkForm caseId={caseId} />}
      </Stack>
    </Paper>
  );
}

function LinkForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const groups = useThreatGroups();
  const persons = useThreatPersons();
  const add = useAddActorLink(caseId);
  const [target, setTarget] = useState<'group' | 'person'>('group');
  const [id, setId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { ...(target === 'group' ? { groupId: id ?? '' } : { threatPersonId: id ?? '' }), kind: kind ?? '' },
      { onSuccess: () => setId(null) },
    );
  };
  const data =
    target === 'group'
      ? (groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))
      : (persons.data?.persons ?? []).map((p) => ({ value: p.id, label: p.alias ? `${p.name} (${p.alias})` : p.name }));
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-labelledby="link-form-title">
      <Title order={3} size="h5" id="link-form-title">
        {t('threat.linkTitle')}
      </Title>
      <FieldErrorList error={add.error} />
      <Radio.Group
        label={t('threat.target')}
        value={target}
        onChange={(v) => {
          setTarget(v === 'person' ? 'person' : 'group');
          setId(null);
        }}
      >
        <Group gap="lg" mt={4}>
          <Radio value="group" label={t('threat.targetGroup')} />
          <Radio value="person" label={t('threat.targetPerson')} />
        </Group>
      </Radio.Group>
      <Group align="flex-end">
        <Select
          label={target === 'group' ? t('threat.chooseGroup') : t('threat.choosePerson')}
          data={data}
          value={id}
          onChange={setId}
          required
          searchable
          w={300}
        />
        <Select
          label={t('threat.kind')}
          data={ACTOR_LINK_KINDS.map((k) => ({ value: k, label: t(`threat.linkKind.${k}`) }))}
          value={kind}
          onChange={setKind}
          required
          w={240}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('threat.link')}
        </Button>
      </Group>
    </Stack>
  );
}

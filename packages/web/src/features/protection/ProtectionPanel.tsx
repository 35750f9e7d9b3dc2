import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { todayLocal } from '../../lib/files.ts';
import { SectionState } from '../cases/SectionState.tsx';
import { IdentityLinkSection } from './IdentityLinkSection.tsx';
import { MeasuresSection } from './MeasuresSection.tsx';
import { PlacementForm } from './PlacementForm.tsx';
import { ProtectedDataSection } from './ProtectedDataSection.tsx';
import { fetchPlacementAddress, useChangePlacement, usePlacements, type Placement } from './protectionApi.ts';
import { SensitiveViewDialog } from './SensitiveViewDialog.tsx';

const money = (value: number, language: string) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { style: 'currency', currency: 'SEK' }).format(value);

/** "Skydd": placements (never with the address), protected personal data, measures, the sealed link. */
export function ProtectionPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const placements = usePlacements(caseId);
  const change = useChangePlacement(caseId);
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<Placement | null>(null);
  const data = placements.data;
  const list = [...(data?.placements ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="placements-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4" id="placements-title">
              {t('placement.title')}
            </Title>
            {canWrite && !adding && data && <Button onClick={() => setAdding(true)}>{t('placement.new')}</Button>}
          </Group>
          <SectionState error={placements.error} isPending={placements.isPending} />
          <ErrorAlert error={change.error} />
          {data && list.length === 0 && <EmptyState>{t('placement.empty')}</EmptyState>}
          {list.length > 0 && (
            <Table withTableBorder striped className="utvag-table">
              <Table.Caption>{t('placement.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('placement.providerName')}</Table.Th>
                  <Table.Th scope="col">{t('placement.municipality')}</Table.Th>
                  <Table.Th scope="col">{t('placement.period')}</Table.Th>
                  <Table.Th scope="col">{t('placement.costPerDay')}</Table.Th>
                  <Table.Th scope="col">{t('placement.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      {p.providerName}
                      <Text size="xs" c="dimmed">
                        {t(`placement.provider.${p.providerKind}`)}
                        {p.ivoPermitNumber ? ` · ${t('placement.ivoShown', { permit: p.ivoPermitNumber })}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.municipality}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {p.startsOn} – {p.endsOn ?? t('placement.ongoing')}
                    </Table.Td>
                    <Table.Td>{money(p.costPerDayOre / 100, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge color={p.status === 'active' ? '#1d6330' : 'gray.8'} variant="filled" radius="sm">
                        {t(`placement.statusName.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {data?.addressView !== 'forbidden' && (
                          <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setViewing(p)}>
                            {t('placement.showAddress')}
                          </Button>
                        )}
                        {canWrite && (p.status === 'active' || p.status === 'planned') && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            loading={change.isPending && change.variables.id === p.id}
                            onClick={() => change.mutate({ id: p.id, status: 'ended', endsOn: todayLocal() })}
                          >
                            {t('placement.end')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {adding && <PlacementForm caseId={caseId} onDone={() => setAdding(false)} />}
        </Stack>
      </Paper>
      {data && <ProtectedDataSection caseId={caseId} canWrite={canWrite} />}
      {data && <MeasuresSection caseId={caseId} canWrite={canWrite} />}
      {data && <IdentityLinkSection caseId={caseId} canWrite={canWrite} />}
      <SensitiveViewDialog
        opened={viewing !== null}
        title={t('placement.addressTitle', { municipality: viewing?.municipality ?? '' })}
        reasonLabel={t('placement.purpose')}
        reasonHelp={t('placement.purposeHelp')}
        revealLabel={t('placement.showAddress')}
        fetchSecret={(purpose) => fetchPlacementAddress(viewing?.id ?? '', purpose)}
        onClose={() => setViewing(null)}
      />
    </Stack>
  );
}

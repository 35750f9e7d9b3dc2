import { Badge, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { pick } from './answerLabels.ts';
import { InstrumentImport } from './InstrumentImport.tsx';
import { useInstruments } from './instrumentsApi.ts';

/** The administrator's instruments: every version, and importing a new one. */
export function InstrumentsPage() {
  const { t, i18n } = useTranslation();
  const instruments = useInstruments();
  const rows = instruments.data?.instruments ?? [];
  return (
    <Stack gap="md" maw={980}>
      <Title order={1}>{t('instruments.title')}</Title>
      <ErrorAlert error={instruments.error} />
      {instruments.isPending && <LoadingRow />}
      {instruments.data && rows.length === 0 && <EmptyState>{t('instruments.empty')}</EmptyState>}
      {rows.length > 0 && (
        <Table striped withTableBorder className="utvag-table" verticalSpacing={4}>
          <Table.Caption>{t('instruments.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('instruments.name')}</Table.Th>
              <Table.Th scope="col">{t('instruments.key')}</Table.Th>
              <Table.Th scope="col">{t('instruments.version')}</Table.Th>
              <Table.Th scope="col">{t('instruments.kind')}</Table.Th>
              <Table.Th scope="col">{t('instruments.origin')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={`${i.key}-${String(i.version)}`}>
                <Table.Td>{pick(i.name, i18n.language)}</Table.Td>
                <Table.Td className="utvag-mono">{i.key}</Table.Td>
                <Table.Td>{i.version}</Table.Td>
                <Table.Td>{t(`instrumentKind.${i.kind}`)}</Table.Td>
                <Table.Td>
                  <Badge variant={i.builtin ? 'filled' : 'light'} radius="sm">
                    {i.builtin ? t('instruments.builtin') : t('instruments.imported')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <InstrumentImport />
    </Stack>
  );
}

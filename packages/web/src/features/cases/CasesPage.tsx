import { Anchor, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiGet } from '../../api/client.ts';
import type { CaseSummary } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';

/** The cases the user may see in the active programme. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const cases = useQuery({
    queryKey: ['cases'],
    queryFn: () => apiGet<{ cases: CaseSummary[] }>('/api/v1/cases'),
  });
  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('cases.title')}</Title>
      <ErrorAlert error={cases.error} />
      {cases.isPending && <LoadingRow />}
      {cases.data && cases.data.cases.length === 0 && <EmptyState>{t('cases.empty')}</EmptyState>}
      {cases.data && cases.data.cases.length > 0 && (
        <Table striped withTableBorder className="utvag-table">
          <Table.Caption>{t('cases.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.code')}</Table.Th>
              <Table.Th scope="col">{t('cases.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.data.cases.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td className="utvag-mono">
                  <Anchor component={Link} to={`/cases/${c.id}`}>
                    {c.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i18n.exists(`caseState.${c.state}`) ? t(`caseState.${c.state}`) : c.state}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

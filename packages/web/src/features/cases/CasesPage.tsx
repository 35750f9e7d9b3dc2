import { Anchor, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePagedList } from '../../api/usePagedList.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { caseListResponse } from '../../lib/domain.ts';

/** The cases the user may see in the active programme. */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const cases = usePagedList({
    queryKey: ['cases'],
    schema: caseListResponse,
    path: '/api/v1/cases',
    rows: (page) => page.cases,
  });
  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('cases.title')}</Title>
      <ErrorAlert error={cases.error} />
      {cases.isPending && <LoadingRow />}
      {!cases.isPending && !cases.error && cases.items.length === 0 && <EmptyState>{t('cases.empty')}</EmptyState>}
      {cases.items.length > 0 && (
        <Table striped withTableBorder className="utvag-table">
          <Table.Caption>{t('cases.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.code')}</Table.Th>
              <Table.Th scope="col">{t('cases.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.items.map((c) => (
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
      <ShowMore list={cases} />
    </Stack>
  );
}

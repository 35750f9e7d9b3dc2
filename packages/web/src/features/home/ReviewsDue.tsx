import { Anchor, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { useReviewsDue } from '../risk/riskApi.ts';

/** "Omprövning av riskanalys behövs": cases whose risk analysis is due, with why. */
export function ReviewsDue() {
  const { t } = useTranslation();
  const due = useReviewsDue(true);
  // Pages follow the case code; the rows loaded so far show the earliest review first.
  const rows = [...due.items].sort((a, b) => (a.nextReviewOn ?? '').localeCompare(b.nextReviewOn ?? ''));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reviews-due-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="reviews-due-title">
          {t('reviewsDue.title')}
        </Title>
        <ErrorAlert error={due.error} />
        {due.isPending && <LoadingRow />}
        {!due.isPending && !due.error && rows.length === 0 && <EmptyState>{t('reviewsDue.empty')}</EmptyState>}
        {rows.length > 0 && (
          <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.code')}</Table.Th>
                <Table.Th scope="col">{t('reviewsDue.nextReviewOn')}</Table.Th>
                <Table.Th scope="col">{t('reviewsDue.reasons')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.caseId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${r.caseId}?tab=risk`} className="utvag-mono">
                      {r.caseCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.nextReviewOn ?? '—'}</Table.Td>
                  <Table.Td>{r.reasons.map((reason) => t(`risk.reason.${reason}`)).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ShowMore list={due} />
      </Stack>
    </Paper>
  );
}

import { Anchor, Paper, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { useOverdue } from '../cases/caseApi.ts';
import { useLateText } from '../cases/ClockStatus.tsx';

/** Cases past a target, the latest first, with how late they are. */
export function OverdueCases() {
  const { t, i18n } = useTranslation();
  const overdue = useOverdue(true);
  const lateText = useLateText();
  const rows = [...overdue.items].sort((a, b) => b.lateByMinutes - a.lateByMinutes);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="overdue-title" className="utvag-overdue">
      <Stack gap="xs">
        <Title order={2} size="h4" id="overdue-title">
          {t('overdue.title')}
        </Title>
        <ErrorAlert error={overdue.error} />
        {overdue.isPending && <LoadingRow />}
        {!overdue.isPending && !overdue.error && rows.length === 0 && <EmptyState>{t('overdue.empty')}</EmptyState>}
        {rows.length > 0 && (
          <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.code')}</Table.Th>
                <Table.Th scope="col">{t('overdue.clock')}</Table.Th>
                <Table.Th scope="col">{t('overdue.due')}</Table.Th>
                <Table.Th scope="col">{t('overdue.late')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.caseId}-${r.clock}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${r.caseId}`} className="utvag-mono">
                      {r.caseCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`clock.${r.clock}`)}</Table.Td>
                  <Table.Td>{formatDateTimeShort(r.dueAt, i18n.language)}</Table.Td>
                  <Table.Td className="utvag-late">{lateText(r.lateByMinutes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <ShowMore list={overdue} />
      </Stack>
    </Paper>
  );
}

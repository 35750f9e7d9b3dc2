import { Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../api/usePagedList.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { auditEntriesResponse } from '../../lib/domain.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can, useMe } from '../session/useMe.ts';
import { AuditSearchForm, auditQuery, EMPTY_FILTERS, type AuditFilters } from './AuditSearchForm.tsx';
import { AuditVerify } from './AuditVerify.tsx';

/** Access-log review: search the entries and verify the hash chain. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const query = auditQuery(filters);
  const entries = usePagedList({
    queryKey: ['audit', query],
    schema: auditEntriesResponse,
    path: `/api/v1/audit/entries?${query}`,
    rows: (page) => page.entries,
    enabled: can(me, 'audit:search'),
  });

  return (
    <Stack gap="lg">
      <Title order={1}>{t('audit.title')}</Title>
      {can(me, 'audit:verify') && <AuditVerify />}
      <AuditSearchForm onSearch={setFilters} />
      <ErrorAlert error={entries.error} />
      {entries.isPending && <LoadingRow />}
      {!entries.isPending && !entries.error && can(me, 'audit:search') && entries.items.length === 0 && (
        <EmptyState>{t('audit.empty')}</EmptyState>
      )}
      {entries.items.length > 0 && (
        <Table.ScrollContainer
          minWidth={1000}
          // A long log scrolls: keyboard users must be able to reach and scroll it (axe).
          scrollAreaProps={{
            viewportProps: { tabIndex: 0, 'aria-label': t('audit.caption', { count: entries.items.length }) },
          }}
        >
          <Table striped withTableBorder verticalSpacing={4} horizontalSpacing="xs" fz="sm" className="utvag-table">
            <Table.Caption>{t('audit.caption', { count: entries.items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['seq', 'at', 'actor', 'action', 'outcome', 'recordType', 'recordIdCol', 'purpose', 'recipient'].map(
                  (col) => (
                    <Table.Th key={col} scope="col">
                      {t(`audit.col.${col}`)}
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.items.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td className="utvag-mono">{e.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actor ? e.actor.username : t('audit.system')}</Table.Td>
                  <Table.Td className="utvag-mono">{e.action}</Table.Td>
                  <Table.Td>
                    {i18n.exists(`audit.outcomeValue.${e.outcome}`) ? t(`audit.outcomeValue.${e.outcome}`) : e.outcome}
                  </Table.Td>
                  <Table.Td>{e.recordType ?? '–'}</Table.Td>
                  <Table.Td className="utvag-mono">{e.recordId ?? '–'}</Table.Td>
                  <Table.Td>{e.purpose ?? '–'}</Table.Td>
                  <Table.Td>{e.recipient ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowMore list={entries} />
    </Stack>
  );
}

import { Anchor, Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTimeShort } from '../../lib/format.ts';
import type { CallListItem } from './callsApi.ts';

/** A dense list of calls. SECURITY: no identities; the case code is pseudonymous. */
export function CallsTable({ calls, caption }: { calls: CallListItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table striped withTableBorder highlightOnHover className="utvag-table" verticalSpacing={4}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('call.receivedAt')}</Table.Th>
          <Table.Th scope="col">{t('call.channel')}</Table.Th>
          <Table.Th scope="col">{t('call.callerType')}</Table.Th>
          <Table.Th scope="col">{t('call.decision')}</Table.Th>
          <Table.Th scope="col">{t('calls.handler')}</Table.Th>
          <Table.Th scope="col">{t('cases.code')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {calls.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Anchor component={Link} to={`/calls/${c.id}`}>
                {formatDateTimeShort(c.receivedAt, i18n.language)}
              </Anchor>{' '}
              {c.acute && (
                <Badge color="red.9" variant="filled" radius="sm" size="sm">
                  {t('acute.badge')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{t(`channel.${c.channel}`)}</Table.Td>
            <Table.Td>{t(`callerType.${c.callerType}`)}</Table.Td>
            <Table.Td>{t(`decision.${c.decision}`)}</Table.Td>
            <Table.Td>{c.handler.displayName}</Table.Td>
            <Table.Td className="utvag-mono">{c.caseCode ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

import { Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPersonnummer } from '../../lib/domain.ts';
import type { Identity } from './caseApi.ts';

/** The person's identity. SECURITY: rendered only when the server returned it. */
export function IdentityPanel({ identity }: { identity: Identity }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    ['call.personName', identity.name],
    [
      'call.personnummer',
      identity.personnummer && /^\d{12}$/.test(identity.personnummer)
        ? formatPersonnummer(identity.personnummer)
        : identity.personnummer,
    ],
    ['call.personPhone', identity.phone],
    ['call.personAddress', identity.address],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identity-title">
      <Title order={2} size="h4" id="identity-title" mb="xs">
        {t('case.identity')}
      </Title>
      <Table variant="vertical" withRowBorders={false} className="utvag-facts">
        <Table.Tbody>
          {rows.map(([key, value]) => (
            <Table.Tr key={key}>
              <Table.Th w={180}>{t(key)}</Table.Th>
              <Table.Td>{value ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

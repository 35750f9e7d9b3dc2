import { Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { RelatedPerson } from './caseApi.ts';

/** Relatives of the case, each with their own protection needs, apart from the person leaving. */
export function RelatedPersons({ persons }: { persons: RelatedPerson[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="related-title">
      <Title order={2} size="h4" id="related-title" mb="xs">
        {t('case.related')}
      </Title>
      {persons.length === 0 ? (
        <EmptyState>{t('case.noRelated')}</EmptyState>
      ) : (
        <Table withTableBorder striped className="utvag-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('call.relativeName')}</Table.Th>
              <Table.Th scope="col">{t('call.relativeRelation')}</Table.Th>
              <Table.Th scope="col">{t('call.relativePhone')}</Table.Th>
              <Table.Th scope="col">{t('call.relativeProtection')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {persons.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name ?? '—'}</Table.Td>
                <Table.Td>{p.relation ?? '—'}</Table.Td>
                <Table.Td>{p.phone ?? '—'}</Table.Td>
                <Table.Td>{p.protectionNeeds ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

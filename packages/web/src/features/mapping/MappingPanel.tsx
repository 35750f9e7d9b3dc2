import { Button, Group, Paper, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { SectionState } from '../cases/SectionState.tsx';
import { MappingForm } from './MappingForm.tsx';
import { MappingView } from './MappingView.tsx';
import { useMappingSection } from './mappingApi.ts';

/** "Kartläggning": the life areas of a case, newest mapping first, and a new one from the previous. */
export function MappingPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const section = useMappingSection(caseId);
  const [editing, setEditing] = useState<'new' | 'fromPrevious' | null>(null);
  const data = section.data;
  const mappings = data?.mappings ?? [];
  const latest = mappings[0] ?? null;
  return (
    <Stack gap="md">
      <SectionState error={section.error} isPending={section.isPending} />
      {data && (
        <>
          {canWrite && editing === null && data.definition && (
            <Group gap="sm">
              <Button onClick={() => setEditing('new')} variant={latest ? 'default' : 'filled'}>
                {t('mapping.new')}
              </Button>
              {latest && <Button onClick={() => setEditing('fromPrevious')}>{t('mapping.newFromPrevious')}</Button>}
            </Group>
          )}
          {editing !== null && data.definition && (
            <MappingForm
              caseId={caseId}
              definition={data.definition}
              previous={editing === 'fromPrevious' ? latest : null}
              onDone={() => setEditing(null)}
            />
          )}
          {editing === null && latest === null && <EmptyState>{t('mapping.empty')}</EmptyState>}
          {editing === null && latest && <MappingView mapping={latest} />}
          {mappings.length > 1 && (
            <Paper withBorder p="md" component="section" aria-labelledby="earlier-mappings-title">
              <Title order={2} size="h5" id="earlier-mappings-title" mb="xs">
                {t('mapping.earlier')}
              </Title>
              <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('mapping.madeAt')}</Table.Th>
                    <Table.Th scope="col">{t('mapping.areasRecorded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mappings.slice(1).map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>{formatDateTimeShort(m.createdAt, i18n.language)}</Table.Td>
                      <Table.Td>{m.areas.filter((a) => a.need !== 'not_yet_known').length}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}

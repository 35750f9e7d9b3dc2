import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { answerLabel, pick } from './answerLabels.ts';
import { useInstrumentDefinition } from './instrumentsApi.ts';

type Props = {
  instrumentKey: string;
  instrumentVersion: number;
  answers: Record<string, string>;
  acuteItemIds: string[];
  createdAt?: string;
};

/** A completed checklist, read-only, with the questions of the version it was made with. */
export function ChecklistAnswers({ instrumentKey, instrumentVersion, answers, acuteItemIds, createdAt }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const definition = useInstrumentDefinition(instrumentKey, instrumentVersion);
  const def = definition.data?.definition;
  const titleId = `checklist-${instrumentKey}-${String(instrumentVersion)}-${createdAt ?? ''}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {def ? pick(def.name, lang) : instrumentKey}{' '}
          <Text component="span" size="sm" c="dimmed">
            {t('checklist.version', { version: instrumentVersion })}
            {createdAt && ` · ${formatDateTimeShort(createdAt, lang)}`}
          </Text>
        </Title>
        <ErrorAlert error={definition.error} />
        {definition.isPending && <LoadingRow />}
        {def && (
          <Table withTableBorder striped className="utvag-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('checklist.question')}</Table.Th>
                <Table.Th scope="col" w={200}>
                  {t('checklist.answer')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {def.parts.flatMap((part) =>
                part.items.map((item) => {
                  const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
                  const acute = acuteItemIds.includes(item.id);
                  return (
                    <Table.Tr key={item.id} className={acute ? 'utvag-acute-row' : undefined}>
                      <Table.Td>{pick(item.text, lang)}</Table.Td>
                      <Table.Td>
                        {value === undefined || value === '' ? (
                          <Text component="span" c="dimmed" size="sm">
                            {t('checklist.unanswered')}
                          </Text>
                        ) : (
                          answerLabel(item, value, t, lang)
                        )}{' '}
                        {acute && (
                          <Badge color="red.9" variant="filled" radius="sm">
                            {t('acute.badge')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                }),
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

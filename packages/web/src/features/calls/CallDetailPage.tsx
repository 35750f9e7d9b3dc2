import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { AcuteAlarm } from '../instruments/AcuteAlarm.tsx';
import { ChecklistAnswers } from '../instruments/ChecklistAnswers.tsx';
import { useCall } from './callsApi.ts';

/** One call: what was said, what was decided, the checklist, and the case it opened. */
export function CallDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const call = useCall(id);
  const c = call.data;
  const lang = i18n.language;
  const rows: [string, React.ReactNode][] = c
    ? [
        ['call.receivedAt', formatDateTimeShort(c.receivedAt, lang)],
        ['call.channel', t(`channel.${c.channel}`)],
        ['call.callerType', t(`callerType.${c.callerType}`)],
        ['calls.handler', c.handler.displayName],
        ['call.decision', t(`decision.${c.decision}`)],
        ...(c.referral
          ? ([
              ['call.referralOrganisation', c.referral.organisationName],
              ['call.referralReason', c.referral.reason],
            ] as [string, React.ReactNode][])
          : []),
        ...(c.callbackAt
          ? ([['call.callbackAt', formatDateTimeShort(c.callbackAt, lang)]] as [string, React.ReactNode][])
          : []),
        ...(c.callbackContact ? ([['call.callbackContact', c.callbackContact]] as [string, React.ReactNode][]) : []),
        [
          'cases.code',
          c.case ? (
            <Anchor component={Link} to={`/cases/${c.case.id}`} className="utvag-mono">
              {c.case.code}
            </Anchor>
          ) : (
            '—'
          ),
        ],
      ]
    : [];
  return (
    <Stack gap="md" maw={980}>
      <Title order={1}>{t('calls.detailTitle')}</Title>
      <ErrorAlert error={call.error} />
      {call.isPending && <LoadingRow />}
      {c && (
        <>
          {c.acute && (
            <AcuteAlarm acuteItemIds={c.checklist?.acuteItemIds.length ? c.checklist.acuteItemIds : ['acute']} />
          )}
          <Paper withBorder p="md">
            <Table variant="vertical" withRowBorders={false} className="utvag-facts">
              <Table.Tbody>
                {rows.map(([key, value]) => (
                  <Table.Tr key={key}>
                    <Table.Th w={200}>{t(key)}</Table.Th>
                    <Table.Td>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="summary-title">
            <Title order={2} size="h4" id="summary-title" mb="xs">
              {t('call.summary')}
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{c.summary || '—'}</Text>
          </Paper>
          {c.checklist && (
            <ChecklistAnswers
              instrumentKey={c.checklist.instrumentKey}
              instrumentVersion={c.checklist.instrumentVersion}
              answers={c.checklist.answers}
              acuteItemIds={c.checklist.acuteItemIds}
            />
          )}
        </>
      )}
    </Stack>
  );
}

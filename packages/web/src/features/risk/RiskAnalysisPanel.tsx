import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { SectionState } from '../cases/SectionState.tsx';
import { ChecklistAnswers } from '../instruments/ChecklistAnswers.tsx';
import { IncidentForm } from './IncidentForm.tsx';
import { RiskAnalysisForm } from './RiskAnalysisForm.tsx';
import { JUDGEMENT_COLOUR, RiskAnalysisView } from './RiskAnalysisView.tsx';
import { useRiskInstrument, useRiskSection, type RiskAnalysis, type ReviewStatus } from './riskApi.ts';

/** The "review due" badge with its reasons. */
export function ReviewDueBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  if (!status.due) return null;
  return (
    <Badge color="#8a3a00" variant="filled" radius="sm" size="lg">
      {t('risk.reviewDue')}: {status.reasons.map((r) => t(`risk.reason.${r}`)).join(', ')}
    </Badge>
  );
}

/** "Riskanalys": the structured analyses of a case, with the hotline's checklist beside them. */
export function RiskAnalysisPanel({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const section = useRiskSection(caseId);
  const instrument = useRiskInstrument();
  const [editing, setEditing] = useState<'new' | 'fromPrevious' | null>(null);
  const data = section.data;
  const analyses = [...(data?.analyses ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const latest: RiskAnalysis | null = analyses[0] ?? null;
  return (
    <Stack gap="md">
      <SectionState error={section.error} isPending={section.isPending} />
      {data && (
        <>
          <Group gap="sm" wrap="wrap">
            <ReviewDueBadge status={data.reviewDue} />
            {canWrite && editing === null && (
              <>
                <Button onClick={() => setEditing('new')} variant={latest ? 'default' : 'filled'}>
                  {t('risk.new')}
                </Button>
                {latest && <Button onClick={() => setEditing('fromPrevious')}>{t('risk.newFromPrevious')}</Button>}
              </>
            )}
          </Group>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="md">
                {editing !== null && (
                  <>
                    <ErrorAlert error={instrument.error} />
                    {instrument.isPending && <LoadingRow />}
                    {instrument.none && <EmptyState>{t('risk.noInstrument')}</EmptyState>}
                    {instrument.definition && (
                      <RiskAnalysisForm
                        caseId={caseId}
                        definition={instrument.definition}
                        previous={editing === 'fromPrevious' ? latest : null}
                        onDone={() => setEditing(null)}
                      />
                    )}
                  </>
                )}
                {editing === null && latest === null && <EmptyState>{t('risk.empty')}</EmptyState>}
                {editing === null && latest && <RiskAnalysisView analysis={latest} />}
                {analyses.length > 1 && <EarlierAnalyses analyses={analyses.slice(1)} />}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="md">
                <Title order={2} size="h5">
                  {t('risk.besideTitle')}
                </Title>
                {data.checklists.length === 0 ? (
                  <EmptyState>{t('risk.noChecklist')}</EmptyState>
                ) : (
                  data.checklists.map((c) => (
                    <ChecklistAnswers
                      key={c.id}
                      instrumentKey={c.instrumentKey}
                      instrumentVersion={c.instrumentVersion}
                      answers={c.answers}
                      acuteItemIds={c.acuteItemIds}
                      createdAt={c.createdAt}
                    />
                  ))
                )}
                <Paper withBorder p="md" component="section" aria-labelledby="incidents-title">
                  <Stack gap="xs">
                    <Title order={2} size="h5" id="incidents-title">
                      {t('risk.incidents')}
                    </Title>
                    {data.incidents.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('risk.noIncidents')}
                      </Text>
                    ) : (
                      data.incidents.map((inc) => (
                        <Text size="sm" key={inc.id}>
                          {formatDateTimeShort(inc.occurredAt, i18n.language)} – {t(`risk.incident.${inc.kind}`)}
                          {inc.note ? `: ${inc.note}` : ''}
                        </Text>
                      ))
                    )}
                    {canWrite && <IncidentForm caseId={caseId} />}
                  </Stack>
                </Paper>
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function EarlierAnalyses({ analyses }: { analyses: RiskAnalysis[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="earlier-analyses-title">
      <Title order={2} size="h5" id="earlier-analyses-title" mb="xs">
        {t('risk.earlier')}
      </Title>
      <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('risk.madeAt')}</Table.Th>
            <Table.Th scope="col">{t('risk.judgement')}</Table.Th>
            <Table.Th scope="col">{t('risk.nextReviewOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analyses.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatDateTimeShort(a.createdAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Badge color={JUDGEMENT_COLOUR[a.judgement] ?? 'gray'} variant="filled" radius="sm">
                  {t(`risk.judgementLevel.${a.judgement}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{a.nextReviewOn}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

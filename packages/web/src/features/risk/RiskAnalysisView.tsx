import { Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { pick } from '../instruments/answerLabels.ts';
import { useInstrumentDefinition } from '../instruments/instrumentsApi.ts';
import type { RiskRating } from '../../lib/domain.ts';
import type { RiskAnalysis } from './riskApi.ts';

export const JUDGEMENT_COLOUR: Record<string, string> = {
  low: '#1d6330',
  moderate: '#7a5a00',
  high: '#8a3a00',
  acute: 'red.9',
};

function RatingCell({ rating }: { rating: RiskRating | undefined }) {
  const { t } = useTranslation();
  if (rating === undefined)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text span fw={rating === '2' ? 700 : undefined} fs={rating === 'unknown' ? 'italic' : undefined}>
      {t(`risk.rating.${rating}`)}
    </Text>
  );
}

/** One saved analysis, read-only, with the questions of the version it was made with and what changed. */
export function RiskAnalysisView({ analysis }: { analysis: RiskAnalysis }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const definition = useInstrumentDefinition(analysis.instrumentId, analysis.instrumentVersion);
  const def = definition.data?.definition;
  const changed = new Set([
    ...(analysis.changes?.ratings.map((c) => c.itemId) ?? []),
    ...(analysis.changes?.evidenceChangedItemIds ?? []),
  ]);
  const titleId = `risk-analysis-${analysis.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <Title order={2} size="h4" id={titleId}>
            {t('risk.analysisOf', { at: formatDateTimeShort(analysis.createdAt, lang) })}
          </Title>
          <Badge color={JUDGEMENT_COLOUR[analysis.judgement] ?? 'gray'} variant="filled" radius="sm" size="lg">
            {t('risk.judgementShown', { level: t(`risk.judgementLevel.${analysis.judgement}`) })}
          </Badge>
          <Text size="sm">{t('risk.nextReviewShown', { date: analysis.nextReviewOn })}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {analysis.instrumentName ? pick(analysis.instrumentName, lang) : analysis.instrumentId}{' '}
          {t('checklist.version', { version: analysis.instrumentVersion })}
        </Text>
        {analysis.judgementJustification && (
          <Text style={{ whiteSpace: 'pre-wrap' }}>
            <strong>{t('risk.justification')}:</strong> {analysis.judgementJustification}
          </Text>
        )}
        {analysis.changes && <ChangesSummary analysis={analysis} />}
        <ErrorAlert error={definition.error} />
        {definition.isPending && <LoadingRow />}
        {def && (
          <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('risk.item')}</Table.Th>
                <Table.Th scope="col" w={130}>
                  {t('risk.now')}
                </Table.Th>
                <Table.Th scope="col" w={130}>
                  {t('risk.past')}
                </Table.Th>
                <Table.Th scope="col">{t('risk.evidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {def.parts.flatMap((part) =>
                part.items.map((item) => {
                  const r = Object.hasOwn(analysis.ratings, item.id) ? analysis.ratings[item.id] : undefined;
                  return (
                    <Table.Tr key={item.id} className={changed.has(item.id) ? 'utvag-changed-row' : undefined}>
                      <Table.Td>
                        {pick(item.text, lang)}{' '}
                        {item.critical && (
                          <Badge color="red.9" variant="outline" radius="sm" size="sm">
                            {t('risk.critical')}
                          </Badge>
                        )}{' '}
                        {changed.has(item.id) && (
                          <Badge color="violet.9" variant="filled" radius="sm" size="sm">
                            {t('risk.changed')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <RatingCell rating={r?.now} />
                      </Table.Td>
                      <Table.Td>
                        <RatingCell rating={r?.past} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r?.evidence || '—'}</Table.Td>
                    </Table.Tr>
                  );
                }),
              )}
            </Table.Tbody>
          </Table>
        )}
        <Title order={3} size="h5">
          {t('risk.scenarios')}
        </Title>
        {analysis.scenarios.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('risk.noScenarios')}
          </Text>
        ) : (
          <Table withTableBorder striped className="utvag-table" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('risk.scenario')}</Table.Th>
                <Table.Th scope="col">{t('risk.likelihood')}</Table.Th>
                <Table.Th scope="col">{t('risk.severity')}</Table.Th>
                <Table.Th scope="col">{t('risk.scenarioActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {analysis.scenarios.map((s, i) => (
                <Table.Tr key={`${String(i)}-${s.description}`}>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Table.Td>
                  <Table.Td>{t(`risk.likelihoodLevel.${s.likelihood}`)}</Table.Td>
                  <Table.Td fw={s.severity === 'lethal' ? 700 : undefined}>
                    {t(`risk.severityLevel.${s.severity}`)}
                  </Table.Td>
                  <Table.Td>{s.protectiveActions.join('; ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Title order={3} size="h5">
          {t('risk.plan')}
        </Title>
        {analysis.managementPlan.protectiveActions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('risk.noActions')}
          </Text>
        ) : (
          <List size="sm">
            {analysis.managementPlan.protectiveActions.map((a, i) => (
              <List.Item key={`${String(i)}-${a.action}`}>
                {a.action}
                {a.responsibleOrganisation ? ` – ${a.responsibleOrganisation}` : ''}
                {a.due ? ` (${t('risk.dueShown', { date: a.due })})` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function ChangesSummary({ analysis }: { analysis: RiskAnalysis }) {
  const { t } = useTranslation();
  const c = analysis.changes;
  if (!c) return null;
  const lines: string[] = [];
  if (c.ratings.length > 0) lines.push(t('risk.changes.ratings', { count: c.ratings.length }));
  if (c.evidenceChangedItemIds.length > 0)
    lines.push(t('risk.changes.evidence', { count: c.evidenceChangedItemIds.length }));
  if (c.judgement)
    lines.push(
      t('risk.changes.judgement', {
        from: t(`risk.judgementLevel.${c.judgement.from}`),
        to: t(`risk.judgementLevel.${c.judgement.to}`),
      }),
    );
  const sc = c.scenarios.added.length + c.scenarios.removed.length + c.scenarios.changed.length;
  if (sc > 0) lines.push(t('risk.changes.scenarios', { count: sc }));
  if (c.nextReviewOn) lines.push(t('risk.changes.review', { from: c.nextReviewOn.from, to: c.nextReviewOn.to }));
  return (
    <Paper p="xs" className="utvag-changes" withBorder>
      <Text fw={700} size="sm">
        {t('risk.changes.title')}
      </Text>
      {lines.length === 0 ? (
        <Text size="sm">{t('risk.changes.none')}</Text>
      ) : (
        <List size="sm">
          {lines.map((l) => (
            <List.Item key={l}>{l}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTimeShort } from '../../lib/format.ts';
import { SectionState } from '../cases/SectionState.tsx';
import { useStaff } from '../scheduling/schedulingApi.ts';
import { pick } from '../instruments/answerLabels.ts';
import { useEligibility, type EligibilityCriterion, type EligibilityDecision } from './assessmentApi.ts';
import { EligibilityForm } from './EligibilityForm.tsx';

/** "Behörighet": the programme's criteria answered with grounds, and the decision. */
export function EligibilityPanel({ caseId, canDecide }: { caseId: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const eligibility = useEligibility(caseId);
  const data = eligibility.data;
  return (
    <Stack gap="md">
      <SectionState error={eligibility.error} isPending={eligibility.isPending} />
      {data && data.decisions.length === 0 && !canDecide && <EmptyState>{t('eligibility.noDecision')}</EmptyState>}
      {data?.decisions.map((d) => (
        <DecisionView key={d.id} decision={d} criteria={data.criteria} />
      ))}
      {data && canDecide && <EligibilityForm caseId={caseId} criteria={data.criteria} />}
    </Stack>
  );
}

const OUTCOME_COLOUR = { admitted: '#1d6330', declined: 'gray', referred: '#8a3a00' } as const;

function DecisionView({ decision, criteria }: { decision: EligibilityDecision; criteria: EligibilityCriterion[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const staff = useStaff();
  const decidedBy = staff.data?.staff.find((s) => s.userId === decision.decidedBy)?.displayName ?? '—';
  const titleId = `decision-${decision.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('eligibility.decisionTitle')}{' '}
          <Badge color={OUTCOME_COLOUR[decision.outcome]} radius="sm" variant="filled">
            {t(`eligibility.outcome.${decision.outcome}`)}
          </Badge>
        </Title>
        <Text size="sm" c="dimmed">
          {t('eligibility.decidedAt', {
            at: formatDateTimeShort(decision.decidedAt, lang),
            name: decidedBy,
          })}
        </Text>
        <Table withTableBorder striped className="utvag-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('eligibility.criterion')}</Table.Th>
              <Table.Th scope="col" w={140}>
                {t('eligibility.answer')}
              </Table.Th>
              <Table.Th scope="col">{t('eligibility.grounds')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c) => {
              const answer = Object.hasOwn(decision.answers, c.id) ? decision.answers[c.id] : undefined;
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>{pick(c.label, lang)}</Table.Td>
                  <Table.Td>
                    {answer === undefined ? '—' : answer.met ? t('eligibility.met') : t('eligibility.notMet')}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{answer?.grounds ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {decision.reasoning && (
          <Text style={{ whiteSpace: 'pre-wrap' }}>
            <strong>{t('eligibility.reasoning')}:</strong> {decision.reasoning}
          </Text>
        )}
        {decision.referredTo && (
          <Text>
            <strong>{t('eligibility.referredTo')}:</strong> {decision.referredTo.organisationName}
            {decision.referredTo.note ? ` – ${decision.referredTo.note}` : ''}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

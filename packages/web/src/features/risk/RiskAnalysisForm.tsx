import { Alert, Button, Group, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import {
  evaluateRiskAnalysis,
  type InstrumentDefinition,
  type ScenarioLikelihood,
  type ScenarioSeverity,
} from '../../lib/domain.ts';
import { todayLocal } from '../../lib/files.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { pick } from '../instruments/answerLabels.ts';
import { RiskItemField } from './RiskItemField.tsx';
import { newKey, PlanFields, ScenarioFields, type ActionDraft, type ScenarioDraft } from './RiskPlanFields.tsx';
import { RISK_JUDGEMENTS, type ItemRating } from '../../lib/domain.ts';
import { useCreateRiskAnalysis, type RiskAnalysis } from './riskApi.ts';

type Props = {
  caseId: string;
  definition: InstrumentDefinition;
  /** When given, the new analysis starts from it and shows what changed. */
  previous: RiskAnalysis | null;
  onDone: () => void;
};

function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A new structured risk analysis, rendered from the instrument's definition. Started from the
 * previous analysis it carries over ratings, scenarios and plan, but never the judgement or the
 * review date: the professional sets those again.
 */
export function RiskAnalysisForm({ caseId, definition, previous, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const create = useCreateRiskAnalysis(caseId);
  const errors = useFieldErrors(create.error);
  const itemIds = new Set(definition.parts.flatMap((p) => p.items.map((i) => i.id)));
  const [ratings, setRatings] = useState<Record<string, ItemRating>>(() =>
    previous ? Object.fromEntries(Object.entries(previous.ratings).filter(([id]) => itemIds.has(id))) : {},
  );
  const [scenarios, setScenarios] = useState<ScenarioDraft[]>(() =>
    (previous?.scenarios ?? []).map((s) => ({
      key: newKey(),
      description: s.description,
      likelihood: s.likelihood,
      severity: s.severity,
      actions: s.protectiveActions.join('\n'),
    })),
  );
  const [actions, setActions] = useState<ActionDraft[]>(() =>
    (previous?.managementPlan.protectiveActions ?? []).map((a) => ({
      key: newKey(),
      action: a.action,
      responsibleOrganisation: a.responsibleOrganisation ?? '',
      due: a.due ?? '',
    })),
  );
  const [judgement, setJudgement] = useState('');
  const [justification, setJustification] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState('');

  // Display only (the server applies the same domain rule): a critical item clearly present now,
  // an acute answer, or a likely and lethal scenario points to an acute judgement.
  const items = definition.parts.flatMap((p) => p.items);
  const pointsToAcute =
    evaluateRiskAnalysis(definition, {
      ratings,
      scenarios: scenarios.map((s) => ({
        description: s.description,
        likelihood: s.likelihood as ScenarioLikelihood,
        severity: s.severity as ScenarioSeverity,
        protectiveActions: [],
      })),
    }).suggestedJudgement === 'acute';
  const unknownCount = items.filter(
    (i) => ratings[i.id]?.now === 'unknown' || ratings[i.id]?.past === 'unknown',
  ).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        instrumentId: definition.id,
        instrumentVersion: definition.version,
        ratings,
        scenarios: scenarios.map((s) => ({
          description: s.description,
          likelihood: s.likelihood,
          severity: s.severity,
          protectiveActions: s.actions
            .split('\n')
            .map((a) => a.trim())
            .filter(Boolean),
        })),
        judgement,
        ...(justification.trim() ? { judgementJustification: justification } : {}),
        managementPlan: {
          protectiveActions: actions.map((a) => ({
            action: a.action,
            ...(a.responsibleOrganisation.trim() ? { responsibleOrganisation: a.responsibleOrganisation } : {}),
            ...(a.due ? { due: a.due } : {}),
          })),
        },
        nextReviewOn,
        ...(previous ? { previousAnalysisId: previous.id } : {}),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="risk-form-title">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id="risk-form-title">
            {previous ? t('risk.newFromPreviousTitle') : t('risk.newTitle')} – {pick(definition.name, lang)}{' '}
            <Text span size="sm" c="dimmed">
              {t('checklist.version', { version: definition.version })}
            </Text>
          </Title>
          {definition.description && (
            <Text size="sm" c="dimmed">
              {pick(definition.description, lang)}
            </Text>
          )}
          {previous && (
            <Text size="sm" c="violet.9">
              {t('risk.changedHelp')}
            </Text>
          )}
        </Stack>
        <FieldErrorList error={create.error} />
        {definition.parts.map((part) => (
          <Stack key={part.id} gap="md" component="fieldset" className="utvag-fieldset">
            <Text component="legend" fw={700} size="lg">
              {pick(part.title, lang)}
            </Text>
            {part.items.map((item) => (
              <RiskItemField
                key={item.id}
                item={item}
                value={ratings[item.id]}
                previous={previous && Object.hasOwn(previous.ratings, item.id) ? previous.ratings[item.id] : undefined}
                errors={errors}
                onChange={(value) => setRatings((all) => ({ ...all, [item.id]: value }))}
              />
            ))}
          </Stack>
        ))}
        {unknownCount > 0 && (
          <Alert color="blue" variant="light" title={t('risk.unknownTitle', { count: unknownCount })}>
            {t('risk.unknownBody')}
          </Alert>
        )}
        <ScenarioFields scenarios={scenarios} errors={errors} onChange={setScenarios} />
        {pointsToAcute && (
          <Alert
            color="red.9"
            variant="filled"
            role="alert"
            title={t('risk.pointsToAcuteTitle')}
            styles={{ title: { color: '#ffffff' }, message: { color: '#ffffff' } }}
          >
            {t('risk.pointsToAcuteBody')}
          </Alert>
        )}
        <Radio.Group
          label={t('risk.judgement')}
          value={judgement}
          onChange={setJudgement}
          required
          error={errors.judgement}
        >
          <Group gap="lg" mt={4}>
            {RISK_JUDGEMENTS.map((j) => (
              <Radio key={j} value={j} label={t(`risk.judgementLevel.${j}`)} />
            ))}
          </Group>
        </Radio.Group>
        {(pointsToAcute && judgement !== 'acute') || justification !== '' || errors.judgementJustification ? (
          <Textarea
            label={t('risk.justification')}
            description={t('risk.justificationHelp')}
            autosize
            minRows={2}
            required={pointsToAcute && judgement !== 'acute'}
            value={justification}
            onChange={(e) => setJustification(e.currentTarget.value)}
            error={errors.judgementJustification}
          />
        ) : null}
        <PlanFields actions={actions} errors={errors} onChange={setActions} />
        <TextInput
          type="date"
          label={t('risk.nextReviewOn')}
          description={t('risk.nextReviewHelp')}
          required
          min={tomorrow()}
          value={nextReviewOn}
          onChange={(e) => setNextReviewOn(e.currentTarget.value)}
          error={
            errors.nextReviewOn ??
            (nextReviewOn !== '' && nextReviewOn <= todayLocal() ? t('risk.reviewInPast') : undefined)
          }
          w={260}
        />
        <Group gap="sm">
          <Button type="submit" loading={create.isPending}>
            {t('risk.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

import { Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCENARIO_LIKELIHOODS, SCENARIO_SEVERITIES } from '../../lib/domain.ts';

/** A scenario as edited: protective actions one per line. */
export type ScenarioDraft = { key: number; description: string; likelihood: string; severity: string; actions: string };
/** A management-plan action as edited. */
export type ActionDraft = { key: number; action: string; responsibleOrganisation: string; due: string };

let next = 1;
export const newKey = () => next++;

type ScenarioProps = {
  scenarios: ScenarioDraft[];
  errors: Record<string, string | undefined>;
  onChange: (scenarios: ScenarioDraft[]) => void;
};

/** Risk scenarios: what could happen, how likely, how severe, and what protects against it. */
export function ScenarioFields({ scenarios, errors, onChange }: ScenarioProps) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<ScenarioDraft>) =>
    onChange(scenarios.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  return (
    <Stack gap="sm" component="fieldset" className="utvag-fieldset">
      <Text component="legend" fw={700}>
        {t('risk.scenarios')}
      </Text>
      {scenarios.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('risk.noScenarios')}
        </Text>
      )}
      {scenarios.map((s, i) => {
        const lethal = s.likelihood === 'high' && s.severity === 'lethal';
        return (
          <Stack key={s.key} gap={6} className={lethal ? 'utvag-lethal-scenario' : undefined}>
            <Textarea
              label={t('risk.scenarioN', { n: i + 1 })}
              autosize
              minRows={2}
              required
              value={s.description}
              onChange={(e) => update(s.key, { description: e.currentTarget.value })}
              error={errors[`scenarios.${String(i)}.description`]}
            />
            <Group grow align="flex-start">
              <Select
                label={t('risk.likelihood')}
                data={SCENARIO_LIKELIHOODS.map((l) => ({ value: l, label: t(`risk.likelihoodLevel.${l}`) }))}
                value={s.likelihood || null}
                onChange={(v) => update(s.key, { likelihood: v ?? '' })}
                required
                error={errors[`scenarios.${String(i)}.likelihood`]}
              />
              <Select
                label={t('risk.severity')}
                data={SCENARIO_SEVERITIES.map((l) => ({ value: l, label: t(`risk.severityLevel.${l}`) }))}
                value={s.severity || null}
                onChange={(v) => update(s.key, { severity: v ?? '' })}
                required
                error={errors[`scenarios.${String(i)}.severity`]}
              />
            </Group>
            {lethal && (
              <Text size="sm" fw={700} c="red.9">
                {t('risk.likelyLethal')}
              </Text>
            )}
            <Textarea
              label={t('risk.scenarioActions')}
              description={t('risk.onePerLine')}
              autosize
              minRows={1}
              value={s.actions}
              onChange={(e) => update(s.key, { actions: e.currentTarget.value })}
            />
            <Button
              variant="subtle"
              size="compact-sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => onChange(scenarios.filter((x) => x.key !== s.key))}
            >
              {t('risk.removeScenario', { n: i + 1 })}
            </Button>
          </Stack>
        );
      })}
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        onClick={() =>
          onChange([...scenarios, { key: newKey(), description: '', likelihood: '', severity: '', actions: '' }])
        }
      >
        {t('risk.addScenario')}
      </Button>
    </Stack>
  );
}

type PlanProps = {
  actions: ActionDraft[];
  errors: Record<string, string | undefined>;
  onChange: (actions: ActionDraft[]) => void;
};

/** The management plan: protective actions, who is responsible, and by when. */
export function PlanFields({ actions, errors, onChange }: PlanProps) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<ActionDraft>) =>
    onChange(actions.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  return (
    <Stack gap="sm" component="fieldset" className="utvag-fieldset">
      <Text component="legend" fw={700}>
        {t('risk.plan')}
      </Text>
      {actions.map((a, i) => (
        <Group key={a.key} align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={t('risk.actionN', { n: i + 1 })}
            required
            value={a.action}
            onChange={(e) => update(a.key, { action: e.currentTarget.value })}
            error={errors[`managementPlan.protectiveActions.${String(i)}.action`]}
            style={{ flex: 2, minWidth: 240 }}
          />
          <TextInput
            label={t('risk.responsible')}
            value={a.responsibleOrganisation}
            onChange={(e) => update(a.key, { responsibleOrganisation: e.currentTarget.value })}
            style={{ flex: 1, minWidth: 160 }}
          />
          <TextInput
            type="date"
            label={t('risk.due')}
            value={a.due}
            onChange={(e) => update(a.key, { due: e.currentTarget.value })}
            error={errors[`managementPlan.protectiveActions.${String(i)}.due`]}
          />
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(actions.filter((x) => x.key !== a.key))}>
            {t('risk.removeAction', { n: i + 1 })}
          </Button>
        </Group>
      ))}
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange([...actions, { key: newKey(), action: '', responsibleOrganisation: '', due: '' }])}
      >
        {t('risk.addAction')}
      </Button>
    </Stack>
  );
}

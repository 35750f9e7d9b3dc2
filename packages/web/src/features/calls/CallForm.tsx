import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { evaluateAnswers } from '../../lib/domain.ts';
import { AcuteAlarm } from '../instruments/AcuteAlarm.tsx';
import { ChecklistFields } from '../instruments/ChecklistFields.tsx';
import { useHotlineChecklist } from '../instruments/instrumentsApi.ts';
import { CallbackFields } from './CallbackFields.tsx';
import { asksForPerson, asksForRelative, initialCallForm, toCreateCallBody, type CallFormState } from './callForm.ts';
import { CallMetaFields } from './CallMetaFields.tsx';
import { useCreateCall, type CreateCallResult } from './callsApi.ts';
import { DecisionField } from './DecisionField.tsx';
import { FieldErrorList } from './FieldErrorList.tsx';
import { PersonFields } from './PersonFields.tsx';
import { ReferralFields } from './ReferralFields.tsx';
import { RelativeFields } from './RelativeFields.tsx';

/** Checklist field errors arrive as `checklist.answers.<item>` (or `answers.<item>`): by item id. */
function checklistErrors(errors: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [path, text] of Object.entries(errors)) {
    const match = /(?:^|\.)answers\.([^.]+)$/.exec(path);
    if (match?.[1]) out[match[1]] = text;
  }
  return out;
}

/**
 * The call form. Built for a night shift: everything has a default except what only the officer
 * knows, the summary has focus, one key answers a checklist question, Enter saves.
 */
export function CallForm({ onLogged }: { onLogged: (result: CreateCallResult) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<CallFormState>(() => initialCallForm());
  const [decisionMissing, setDecisionMissing] = useState(false);
  const checklist = useHotlineChecklist();
  const create = useCreateCall();
  const errors = useFieldErrors(create.error);
  const itemErrors = checklistErrors(errors);

  const definition = checklist.definition;
  const acuteItemIds = useMemo(
    () => (definition ? evaluateAnswers(definition, state.answers).acuteItemIds : []),
    [definition, state.answers],
  );

  const patch = (p: Partial<CallFormState>) => setState((s) => ({ ...s, ...p }));

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (create.isPending) return;
    if (state.decision === '') {
      setDecisionMissing(true);
      document.querySelector<HTMLInputElement>('#call-decision input[type=radio]')?.focus();
      return;
    }
    setDecisionMissing(false);
    const ref = definition ? { instrumentId: definition.id, instrumentVersion: definition.version } : null;
    create.mutate(toCreateCallBody(state, ref), { onSuccess: onLogged });
  };

  // Enter saves from anywhere but a text area or a button; Ctrl+Enter saves from a text area too.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    const inTextarea = target.tagName === 'TEXTAREA';
    if (target.tagName === 'BUTTON' || target.tagName === 'A') return;
    if (inTextarea && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-labelledby="new-call-title">
      <Stack gap="md">
        <AcuteAlarm definition={definition} acuteItemIds={acuteItemIds} sticky />
        <FieldErrorList error={create.error} />
        <Paper withBorder p="md">
          <Stack gap="sm">
            <CallMetaFields state={state} errors={errors} onChange={patch} />
            <Textarea
              label={t('call.summary')}
              description={t('call.summaryHelp')}
              autosize
              minRows={3}
              maxRows={10}
              // The officer starts typing the moment the form opens.
              autoFocus
              value={state.summary}
              error={errors.summary}
              onChange={(e) => patch({ summary: e.currentTarget.value })}
            />
          </Stack>
        </Paper>
        {checklist.isPending && <LoadingRow />}
        <ErrorAlert error={checklist.error} />
        {definition && (
          <ChecklistFields
            definition={definition}
            answers={state.answers}
            acuteItemIds={acuteItemIds}
            errors={itemErrors}
            onChange={(id, value) => setState((s) => ({ ...s, answers: { ...s.answers, [id]: value } }))}
          />
        )}
        <Paper withBorder p="md" component="section" aria-labelledby="decision-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="decision-title">
              {t('call.decisionTitle')}
            </Title>
            <DecisionField
              value={state.decision}
              error={decisionMissing ? t('call.decisionRequired') : errors.decision}
              onChange={(decision) => {
                setDecisionMissing(false);
                patch({ decision });
              }}
            />
            {state.decision === 'refer_elsewhere' && <ReferralFields state={state} errors={errors} onChange={patch} />}
            {state.decision === 'call_back' && <CallbackFields state={state} errors={errors} onChange={patch} />}
            {state.callerType === 'anonymous' && (
              <Text size="sm" c="dimmed">
                {t('call.anonymousNote')}
              </Text>
            )}
            {asksForPerson(state) && (
              <PersonFields value={state.person} errors={errors} onChange={(person) => patch({ person })} />
            )}
            {asksForRelative(state) && (
              <RelativeFields value={state.relative} errors={errors} onChange={(relative) => patch({ relative })} />
            )}
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" size="md" loading={create.isPending}>
            {t('call.submit')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('call.submitHint')}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

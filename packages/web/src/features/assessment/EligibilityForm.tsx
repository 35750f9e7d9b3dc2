import { Button, Group, Paper, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { evaluateEligibility } from '../../lib/domain.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';
import { pick } from '../instruments/answerLabels.ts';
import { useDecideEligibility, type EligibilityCriterion, type EligibilityInput } from './assessmentApi.ts';
import { UnderAgeNotice } from './UnderAgeNotice.tsx';

type Answer = { met: '' | 'yes' | 'no'; grounds: string };
type Outcome = EligibilityInput['outcome'];

/** The decision form: each criterion met or not with grounds; the outcome; where a person not admitted is referred. */
export function EligibilityForm({ caseId, criteria }: { caseId: string; criteria: EligibilityCriterion[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const decide = useDecideEligibility(caseId);
  const errors = useFieldErrors(decide.error);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [birthDate, setBirthDate] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reasoning, setReasoning] = useState('');
  const [referralKind, setReferralKind] = useState<'social_services' | 'other'>('social_services');
  const [referralName, setReferralName] = useState('');
  const [referralNote, setReferralNote] = useState('');

  const answerOf = (id: string): Answer => answers[id] ?? { met: '', grounds: '' };
  const setAnswer = (id: string, patch: Partial<Answer>) =>
    setAnswers((all) => ({ ...all, [id]: { ...answerOf(id), ...patch } }));

  // Display only: the server applies the same domain rule. A person under age is referred to
  // social services. A date not yet typed in full counts as unknown.
  const { underAge } = evaluateEligibility(
    { criteria },
    Object.fromEntries(
      criteria
        .filter((c) => answerOf(c.id).met !== '')
        .map((c) => [c.id, { met: answerOf(c.id).met === 'yes', grounds: answerOf(c.id).grounds }]),
    ),
    /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : undefined,
    new Date(),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: EligibilityInput = {
      answers: Object.fromEntries(
        criteria
          .filter((c) => answerOf(c.id).met !== '')
          .map((c) => [c.id, { met: answerOf(c.id).met === 'yes', grounds: answerOf(c.id).grounds }]),
      ),
      outcome: (outcome || 'admitted') as Outcome,
      reasoning,
      ...(birthDate ? { birthDate } : {}),
      ...(outcome !== 'admitted' && outcome !== ''
        ? {
            referredTo: {
              kind: referralKind,
              organisationName: referralName,
              ...(referralNote ? { note: referralNote } : {}),
            },
          }
        : {}),
    };
    decide.mutate(body);
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="eligibility-form-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="eligibility-form-title">
          {t('eligibility.formTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('eligibility.formHelp')}
        </Text>
        <FieldErrorList error={decide.error} />
        <TextInput
          type="date"
          label={t('eligibility.birthDate')}
          description={t('eligibility.birthDateHelp')}
          value={birthDate}
          onChange={(e) => setBirthDate(e.currentTarget.value)}
          error={errors.birthDate}
          w={260}
        />
        {criteria.map((c) => (
          <Stack key={c.id} gap="xs" component="fieldset" className="utvag-fieldset">
            <Text component="legend" fw={700}>
              {pick(c.label, lang)}
            </Text>
            <Radio.Group
              label={t('eligibility.answerFor', { criterion: pick(c.label, lang) })}
              value={answerOf(c.id).met}
              onChange={(v) => setAnswer(c.id, { met: v as Answer['met'] })}
              required
              error={errors[`answers.${c.id}`]}
            >
              <Group gap="lg" mt={4}>
                <Radio value="yes" label={t('eligibility.met')} />
                <Radio value="no" label={t('eligibility.notMet')} />
              </Group>
            </Radio.Group>
            <Textarea
              label={t('eligibility.groundsFor', { criterion: pick(c.label, lang) })}
              autosize
              minRows={1}
              required
              value={answerOf(c.id).grounds}
              onChange={(e) => setAnswer(c.id, { grounds: e.currentTarget.value })}
              error={errors[`answers.${c.id}.grounds`]}
            />
          </Stack>
        ))}
        {underAge && <UnderAgeNotice />}
        <Radio.Group
          label={t('eligibility.outcomeLabel')}
          value={outcome}
          onChange={(v) => {
            setOutcome(v as Outcome);
            if (v !== 'admitted' && underAge) setReferralKind('social_services');
          }}
          required
          error={errors.outcome}
        >
          <Group gap="lg" mt={4}>
            <Radio value="admitted" label={t('eligibility.outcome.admitted')} />
            <Radio value="declined" label={t('eligibility.outcome.declined')} />
            <Radio value="referred" label={t('eligibility.outcome.referred')} />
          </Group>
        </Radio.Group>
        {(outcome === 'declined' || outcome === 'referred') && (
          <Stack gap="xs" component="fieldset" className="utvag-fieldset">
            <Text component="legend" fw={700}>
              {t('eligibility.referredTo')}
            </Text>
            <Select
              label={t('eligibility.referralKind')}
              data={[
                { value: 'social_services', label: t('eligibility.referral.social_services') },
                { value: 'other', label: t('eligibility.referral.other') },
              ]}
              value={referralKind}
              onChange={(v) => setReferralKind(v === 'other' ? 'other' : 'social_services')}
              allowDeselect={false}
              required
              w={320}
            />
            <TextInput
              label={t('eligibility.referralName')}
              required
              value={referralName}
              onChange={(e) => setReferralName(e.currentTarget.value)}
              error={errors['referredTo.organisationName'] ?? errors.referredTo}
            />
            <Textarea
              label={t('eligibility.referralNote')}
              autosize
              minRows={1}
              value={referralNote}
              onChange={(e) => setReferralNote(e.currentTarget.value)}
            />
          </Stack>
        )}
        <Textarea
          label={t('eligibility.reasoning')}
          autosize
          minRows={2}
          required
          value={reasoning}
          onChange={(e) => setReasoning(e.currentTarget.value)}
          error={errors.reasoning}
        />
        <Button type="submit" loading={decide.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('eligibility.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

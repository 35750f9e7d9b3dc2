import { Badge, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InstrumentItem } from '../../lib/domain.ts';
import { pick } from '../instruments/answerLabels.ts';
import { RISK_RATINGS, type ItemRating, type RiskRating } from '../../lib/domain.ts';

type Props = {
  item: InstrumentItem;
  value: ItemRating | undefined;
  /** The rating of the analysis this one started from; a difference is highlighted. */
  previous?: ItemRating | undefined;
  errors: Record<string, string | undefined>;
  onChange: (value: ItemRating) => void;
};

/** One item of a risk analysis: rated now and in the past, with the evidence written out. */
export function RiskItemField({ item, value, previous, errors, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const current: ItemRating = value ?? { now: '' as RiskRating, past: '' as RiskRating, evidence: '' };
  const text = pick(item.text, lang);
  const changed =
    previous !== undefined &&
    (previous.now !== current.now ||
      previous.past !== current.past ||
      previous.evidence.trim() !== current.evidence.trim());
  const group = (when: 'now' | 'past') => (
    <Radio.Group
      label={t(`risk.${when}`)}
      aria-label={`${text} – ${t(`risk.${when}`)}`}
      value={current[when]}
      onChange={(v) => onChange({ ...current, [when]: v as RiskRating })}
      required
      error={errors[`ratings.${item.id}.${when}`]}
    >
      <Group gap="md" mt={2}>
        {RISK_RATINGS.map((r) => (
          <Radio key={r} value={r} label={t(`risk.rating.${r}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
  return (
    <Stack
      gap={6}
      className={['utvag-risk-item', item.critical ? 'utvag-critical-item' : '', changed ? 'utvag-changed-item' : '']
        .filter(Boolean)
        .join(' ')}
      data-risk-item={item.id}
      role="group"
      aria-label={text}
    >
      <Group gap="xs">
        <Text fw={700}>{text}</Text>
        {item.critical && (
          <Badge color="red.9" variant="outline" radius="sm">
            {t('risk.critical')}
          </Badge>
        )}
        {changed && (
          <Badge color="violet.9" variant="filled" radius="sm">
            {t('risk.changed')}
          </Badge>
        )}
      </Group>
      {item.help && (
        <Text size="sm" c="dimmed">
          {pick(item.help, lang)}
        </Text>
      )}
      {errors[`ratings.${item.id}`] && (
        <Text size="sm" c="red.9" role="alert">
          {errors[`ratings.${item.id}`]}
        </Text>
      )}
      {group('now')}
      {group('past')}
      {changed && previous && (
        <Text size="sm" c="violet.9">
          {t('risk.previousWas', {
            now: t(`risk.rating.${previous.now}`),
            past: t(`risk.rating.${previous.past}`),
          })}
        </Text>
      )}
      <Textarea
        label={t('risk.evidenceFor', { item: text })}
        autosize
        minRows={1}
        value={current.evidence}
        onChange={(e) => onChange({ ...current, evidence: e.currentTarget.value })}
        error={errors[`ratings.${item.id}.evidence`]}
      />
    </Stack>
  );
}

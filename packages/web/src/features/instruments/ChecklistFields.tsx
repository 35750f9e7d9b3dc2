import { Paper, Stack, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../lib/domain.ts';
import { pick } from './answerLabels.ts';
import { ChecklistItemField } from './ChecklistItemField.tsx';

type Props = {
  definition: InstrumentDefinition;
  answers: Record<string, string>;
  acuteItemIds: string[];
  errors: Record<string, string | undefined>;
  onChange: (itemId: string, value: string) => void;
};

/** Focuses the checked radio (or the first) of the question after `itemId`. */
function focusNext(container: HTMLElement | null, itemId: string) {
  if (!container) return;
  const all = Array.from(container.querySelectorAll<HTMLElement>('[data-checklist-item]'));
  const index = all.findIndex((el) => el.dataset.checklistItem === itemId);
  const next = all[index + 1];
  if (!next) return;
  const target =
    next.querySelector<HTMLElement>('input[type=radio]:checked') ??
    next.querySelector<HTMLElement>('input[type=radio], textarea') ??
    (next.matches('textarea') ? next : null);
  target?.focus();
}

/** A checklist rendered from its definition, part by part. */
export function ChecklistFields({ definition, answers, acuteItemIds, errors, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="checklist-title" ref={ref}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h3" id="checklist-title">
            {pick(definition.name, i18n.language)}
          </Title>
          {definition.description && (
            <Text size="sm" c="dimmed">
              {pick(definition.description, i18n.language)}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('checklist.keys')}
          </Text>
        </Stack>
        {definition.parts.map((part) => (
          <Stack key={part.id} gap="sm" component="fieldset" className="utvag-fieldset">
            <Text component="legend" fw={700}>
              {pick(part.title, i18n.language)}
            </Text>
            {part.items.map((item) => (
              <ChecklistItemField
                key={item.id}
                item={item}
                value={answers[item.id] ?? ''}
                acute={acuteItemIds.includes(item.id)}
                error={errors[item.id]}
                onChange={(value) => onChange(item.id, value)}
                onAnswered={() => focusNext(ref.current, item.id)}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

import { Group, Radio, Textarea } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentItem } from '../../lib/domain.ts';
import { answerForKey, answerOptions, pick } from './answerLabels.ts';

type Props = {
  item: InstrumentItem;
  value: string;
  acute: boolean;
  error?: string;
  onChange: (value: string) => void;
  /** Called after a one-key answer, to move focus to the next question. */
  onAnswered: () => void;
};

/** One question of a checklist: a radio group (arrow keys, or one key per answer) or free text. */
export function ChecklistItemField({ item, value, acute, error, onChange, onAnswered }: Props) {
  const { t, i18n } = useTranslation();
  const label = pick(item.text, i18n.language);
  const description = item.help ? pick(item.help, i18n.language) : undefined;

  if (item.answerType === 'text') {
    return (
      <Textarea
        data-checklist-item={item.id}
        label={label}
        description={description}
        required={item.required}
        autosize
        minRows={2}
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const answer = answerForKey(item, event.key);
    if (answer === null) return;
    event.preventDefault();
    onChange(answer);
    onAnswered();
  };

  return (
    <Radio.Group
      data-checklist-item={item.id}
      label={label}
      description={description}
      required={item.required}
      value={value}
      error={error}
      onChange={onChange}
      onKeyDown={onKeyDown}
      className={acute ? 'utvag-acute-item' : undefined}
    >
      <Group gap="lg" mt={6}>
        {answerOptions(item, t, i18n.language).map((option) => (
          <Radio key={option.value} value={option.value} label={option.label} />
        ))}
      </Group>
    </Radio.Group>
  );
}

import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CALL_DECISIONS, type CallDecision } from '../../lib/domain.ts';

type Props = {
  value: CallDecision | '';
  error?: string;
  onChange: (value: CallDecision) => void;
};

/** What was decided; "take further" first, because it is the path that matters most. */
export function DecisionField({ value, error, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      id="call-decision"
      label={t('call.decision')}
      required
      value={value}
      error={error}
      onChange={(v) => onChange(v as CallDecision)}
    >
      <Stack gap={6} mt={6}>
        {CALL_DECISIONS.map((d) => (
          <Radio key={d} value={d} label={t(`decision.${d}`)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

import { Group, NativeSelect, Radio, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CALL_CHANNELS, CALLER_TYPES, type CallChannel, type CallerType } from '../../lib/domain.ts';
import type { CallFormState } from './callForm.ts';

type Props = {
  state: CallFormState;
  errors: Record<string, string | undefined>;
  onChange: (patch: Partial<CallFormState>) => void;
};

/** When, how and from whom: all with defaults, so a night call starts at the summary. */
export function CallMetaFields({ state, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <TextInput
        type="datetime-local"
        label={t('call.receivedAt')}
        required
        value={state.receivedAt}
        error={errors.receivedAt}
        onChange={(e) => onChange({ receivedAt: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('call.channel')}
        required
        value={state.channel}
        error={errors.channel}
        onChange={(e) => onChange({ channel: e.currentTarget.value as CallChannel })}
        data={CALL_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
      <Radio.Group
        label={t('call.callerType')}
        required
        value={state.callerType}
        error={errors.callerType}
        onChange={(value) => onChange({ callerType: value as CallerType })}
      >
        <Group gap="md" mt={8}>
          {CALLER_TYPES.map((c) => (
            <Radio key={c} value={c} label={t(`callerType.${c}`)} />
          ))}
        </Group>
      </Radio.Group>
    </Group>
  );
}

import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallFormState } from './callForm.ts';

type Props = {
  state: CallFormState;
  errors: Record<string, string | undefined>;
  onChange: (patch: Partial<CallFormState>) => void;
};

/** When to call back and, unless the caller is anonymous, how to reach them. */
export function CallbackFields({ state, errors, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" grow>
      <TextInput
        type="datetime-local"
        label={t('call.callbackAt')}
        required
        value={state.callbackAt}
        error={errors.callbackAt}
        onChange={(e) => onChange({ callbackAt: e.currentTarget.value })}
      />
      {state.callerType !== 'anonymous' && (
        <TextInput
          label={t('call.callbackContact')}
          description={t('call.callbackContactHelp')}
          value={state.callbackContact}
          error={errors.callbackContact}
          onChange={(e) => onChange({ callbackContact: e.currentTarget.value })}
        />
      )}
    </Group>
  );
}

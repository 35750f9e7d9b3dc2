import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallFormState } from './callForm.ts';

type Props = {
  state: CallFormState;
  errors: Record<string, string | undefined>;
  onChange: (patch: Partial<CallFormState>) => void;
};

/** To which organisation the caller was referred, and why. */
export function ReferralFields({ state, errors, onChange }: Props) {
  const { t } = useTranslation();
  const groupError = errors.referral;
  return (
    <Group align="flex-start" grow>
      <TextInput
        label={t('call.referralOrganisation')}
        required
        value={state.referralOrganisation}
        error={errors['referral.organisationName'] ?? groupError}
        onChange={(e) => onChange({ referralOrganisation: e.currentTarget.value })}
      />
      <TextInput
        label={t('call.referralReason')}
        required
        value={state.referralReason}
        error={errors['referral.reason']}
        onChange={(e) => onChange({ referralReason: e.currentTarget.value })}
      />
    </Group>
  );
}

import { Group, Radio } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SigningMethod } from './assessmentApi.ts';

/** How a consent or the conditions were given: signed paper, or orally with a witness. */
export function SigningMethodRadio({
  value,
  onChange,
  error,
}: {
  value: SigningMethod;
  onChange: (method: SigningMethod) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('consent.method')}
      value={value}
      onChange={(v) => onChange(v as SigningMethod)}
      required
      error={error}
    >
      <Group gap="lg" mt={6}>
        <Radio value="signed_paper" label={t('signingMethod.signed_paper')} />
        <Radio value="oral_with_witness" label={t('signingMethod.oral_with_witness')} />
      </Group>
    </Radio.Group>
  );
}

import { Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallFormState } from './callForm.ts';

type Props = {
  value: CallFormState['relative'];
  errors: Record<string, string | undefined>;
  onChange: (value: CallFormState['relative']) => void;
};

/** The relative who called: a related person of the case with protection needs of their own. */
export function RelativeFields({ value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<CallFormState['relative']>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm" component="fieldset" className="utvag-fieldset">
      <Text component="legend" fw={700}>
        {t('call.relativeLegend')}
      </Text>
      <Group align="flex-start" grow>
        <TextInput
          label={t('call.relativeName')}
          value={value.name}
          error={errors['relative.name']}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <TextInput
          label={t('call.relativePhone')}
          type="tel"
          value={value.phone}
          error={errors['relative.phone']}
          onChange={(e) => set({ phone: e.currentTarget.value })}
        />
        <TextInput
          label={t('call.relativeRelation')}
          value={value.relation}
          error={errors['relative.relation']}
          onChange={(e) => set({ relation: e.currentTarget.value })}
        />
      </Group>
      <Textarea
        label={t('call.relativeProtection')}
        autosize
        minRows={2}
        value={value.protectionNeeds}
        error={errors['relative.protectionNeeds']}
        onChange={(e) => set({ protectionNeeds: e.currentTarget.value })}
      />
    </Stack>
  );
}

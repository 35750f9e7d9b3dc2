import { Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { parsePersonnummer } from '../../lib/domain.ts';
import type { CallFormState } from './callForm.ts';
import { usePersonnummerLookup } from './callsApi.ts';
import { PersonnummerWarning } from './PersonnummerWarning.tsx';

type Props = {
  value: CallFormState['person'];
  errors: Record<string, string | undefined>;
  onChange: (value: CallFormState['person']) => void;
};

/** The person leaving: identity for the case that is opened. The personnummer is checked on blur. */
export function PersonFields({ value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const lookup = usePersonnummerLookup();
  // The translation key, not the text: the message must follow a language switch.
  const [localError, setLocalError] = useState<string | undefined>();
  const [checked, setChecked] = useState('');
  const set = (patch: Partial<CallFormState['person']>) => onChange({ ...value, ...patch });

  const check = (raw: string, quiet = false) => {
    const input = raw.trim();
    if (input === '' || input === checked) {
      if (input === '') {
        setLocalError(undefined);
        lookup.reset();
      }
      return;
    }
    const parsed = parsePersonnummer(input);
    if (!parsed.ok && quiet) return;
    setChecked(input);
    if (!parsed.ok) {
      setLocalError(`validation.personnummer_${parsed.reason}`);
      lookup.reset();
      return;
    }
    setLocalError(undefined);
    lookup.mutate(input);
  };

  return (
    <Stack gap="sm" component="fieldset" className="utvag-fieldset">
      <Text component="legend" fw={700}>
        {t('call.personLegend')}
      </Text>
      <Group align="flex-start" grow>
        <TextInput
          label={t('call.personName')}
          autoComplete="off"
          value={value.name}
          error={errors['person.name']}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <TextInput
          label={t('call.personnummer')}
          description={t('call.personnummerHelp')}
          autoComplete="off"
          inputMode="numeric"
          value={value.personnummer}
          error={localError ? t(localError) : errors['person.personnummer']}
          onChange={(e) => {
            const next = e.currentTarget.value;
            set({ personnummer: next });
            // A complete, valid number is checked at once; a wrong one is pointed out on leaving.
            check(next, true);
          }}
          onBlur={(e) => check(e.currentTarget.value)}
        />
      </Group>
      {lookup.data && <PersonnummerWarning matches={lookup.data.matches} />}
      <ErrorAlert error={lookup.error} />
      <Group align="flex-start" grow>
        <TextInput
          label={t('call.personPhone')}
          type="tel"
          autoComplete="off"
          value={value.phone}
          error={errors['person.phone']}
          onChange={(e) => set({ phone: e.currentTarget.value })}
        />
        <TextInput
          label={t('call.personAddress')}
          autoComplete="off"
          value={value.address}
          error={errors['person.address']}
          onChange={(e) => set({ address: e.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}

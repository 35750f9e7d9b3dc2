import { Button, Fieldset, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { ORGANISATION_KINDS, setupResponse, type OrganisationKind } from '../../lib/domain.ts';

type Props = { token: string; onDone: (enrolmentToken: string) => void };

/** The first programme, the administrator's organisation and the administrator. */
export function SetupForm({ token, onDone }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    programmeName: '',
    programmeCode: '',
    organisationName: '',
    organisationKind: 'police' as OrganisationKind,
    username: '',
    displayName: '',
  });
  const setup = useMutation({
    mutationFn: () => api(setupResponse, '/api/v1/setup', { body: { token, ...form } }),
    onSuccess: (result) => onDone(result.enrolmentToken),
  });
  const fieldErrors = useFieldErrors(setup.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={setup.error} />
        <Fieldset legend={t('setup.programmeLegend')}>
          <Stack>
            <TextInput
              label={t('setup.programmeName')}
              required
              value={form.programmeName}
              onChange={set('programmeName')}
              error={fieldErrors.programmeName}
            />
            <TextInput
              label={t('setup.programmeCode')}
              description={t('setup.programmeCodeHelp')}
              required
              value={form.programmeCode}
              onChange={set('programmeCode')}
              error={fieldErrors.programmeCode}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('setup.organisationLegend')}>
          <Stack>
            <TextInput
              label={t('setup.organisationName')}
              required
              value={form.organisationName}
              onChange={set('organisationName')}
              error={fieldErrors.organisationName}
            />
            <NativeSelect
              label={t('setup.organisationKind')}
              required
              value={form.organisationKind}
              onChange={(e) => {
                const organisationKind = e.currentTarget.value as OrganisationKind;
                setForm((f) => ({ ...f, organisationKind }));
              }}
              data={ORGANISATION_KINDS.map((kind) => ({
                value: kind,
                label: t(`organisationKind.${kind}`),
              }))}
              error={fieldErrors.organisationKind}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('setup.adminLegend')}>
          <Stack>
            <TextInput
              label={t('setup.displayName')}
              required
              autoComplete="name"
              value={form.displayName}
              onChange={set('displayName')}
              error={fieldErrors.displayName}
            />
            <TextInput
              label={t('setup.username')}
              required
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={form.username}
              onChange={set('username')}
              error={fieldErrors.username}
            />
          </Stack>
        </Fieldset>
        <Button type="submit" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}

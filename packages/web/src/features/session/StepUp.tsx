import { Button, Divider, Stack, Text } from '@mantine/core';
import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { passkeyRequestOptions, stepUpResponse } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CodeForm } from '../auth/CodeForm.tsx';
import { passkeyError } from '../auth/SecondFactorStep.tsx';
import { ME_KEY } from './useMe.ts';

/** True when the server refused only because the second factor must be proved again. */
export function needsStepUp(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.messageKey === 'errors.fresh_second_factor_required';
}

/**
 * Re-proves the second factor inside the session (passkey, or a six-digit code) before the most
 * sensitive views. On success the caller retries what was refused.
 */
export function StepUp({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: ME_KEY });
    onSuccess();
  };
  const totp = useMutation({
    mutationFn: (code: string) => api(stepUpResponse, '/api/v1/auth/step-up/totp', { body: { code } }),
    onSuccess: done,
  });
  const passkey = useMutation({
    mutationFn: async () => {
      const optionsJSON = await api(passkeyRequestOptions, '/api/v1/auth/step-up/passkey/options', { method: 'POST' });
      let response;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        throw passkeyError();
      }
      return api(stepUpResponse, '/api/v1/auth/step-up/passkey/verify', { body: { response } });
    },
    onSuccess: done,
  });
  return (
    <Stack gap="sm" className="utvag-step-up">
      <Text fw={700}>{t('stepUp.title')}</Text>
      <Text size="sm">{t('stepUp.body')}</Text>
      <ErrorAlert error={passkey.error} />
      <Button variant="default" loading={passkey.isPending} onClick={() => passkey.mutate()}>
        {t('login.usePasskey')}
      </Button>
      <Divider label={t('login.or')} labelPosition="center" />
      <CodeForm
        label={t('stepUp.code')}
        submitLabel={t('stepUp.confirm')}
        kind="totp"
        pending={totp.isPending}
        error={totp.error}
        onSubmit={(code) => totp.mutate(code)}
      />
    </Stack>
  );
}

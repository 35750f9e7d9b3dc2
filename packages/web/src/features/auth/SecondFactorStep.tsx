import { Anchor, Button, Divider, Stack, Text, Title } from '@mantine/core';
import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { okResponse, passkeyRequestOptions, type SignInMethod } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CodeForm } from './CodeForm.tsx';

type Props = {
  methods: SignInMethod[];
  onSuccess: () => void;
  onCancel: () => void;
};

/** A browser-side passkey failure (cancelled, no authenticator) shown like a server error. */
export function passkeyError(): ApiError {
  return new ApiError(0, {
    error: {
      code: 'passkey_failed',
      message: 'Passkey failed',
      messageKey: 'errors.passkey_failed',
      fields: [],
    },
  });
}

/** The second sign-in step: passkey first, then an authenticator code, or a recovery code. */
export function SecondFactorStep({ methods, onSuccess, onCancel }: Props) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);

  const passkey = useMutation({
    mutationFn: async () => {
      const optionsJSON = await api(passkeyRequestOptions, '/api/v1/auth/passkey/options', { method: 'POST' });
      let response;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        throw passkeyError();
      }
      return api(okResponse, '/api/v1/auth/passkey/verify', { body: { response } });
    },
    onSuccess,
  });
  const totp = useMutation({
    mutationFn: (code: string) => api(okResponse, '/api/v1/auth/totp', { body: { code } }),
    onSuccess,
  });
  const recovery = useMutation({
    mutationFn: (code: string) => api(okResponse, '/api/v1/auth/recovery', { body: { code } }),
    onSuccess,
  });

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {t('login.secondFactorTitle')}
      </Title>
      {useRecovery ? (
        <Stack>
          <Text>{t('login.recoveryHelp')}</Text>
          <CodeForm
            label={t('login.recoveryCode')}
            submitLabel={t('login.verify')}
            kind="recovery"
            pending={recovery.isPending}
            error={recovery.error}
            onSubmit={(code) => recovery.mutate(code)}
          />
          <Anchor component="button" type="button" onClick={() => setUseRecovery(false)}>
            {t('login.backToSecondFactor')}
          </Anchor>
        </Stack>
      ) : (
        <Stack>
          {methods.includes('passkey') && (
            <Stack gap="xs">
              <ErrorAlert error={passkey.error} />
              <Button size="md" loading={passkey.isPending} onClick={() => passkey.mutate()}>
                {t('login.usePasskey')}
              </Button>
            </Stack>
          )}
          {methods.includes('passkey') && methods.includes('totp') && (
            <Divider label={t('login.or')} labelPosition="center" />
          )}
          {methods.includes('totp') && (
            <CodeForm
              label={t('login.totpCode')}
              submitLabel={t('login.verify')}
              kind="totp"
              pending={totp.isPending}
              error={totp.error}
              onSubmit={(code) => totp.mutate(code)}
            />
          )}
          {methods.includes('recovery') && (
            <Anchor component="button" type="button" onClick={() => setUseRecovery(true)}>
              {t('login.useRecovery')}
            </Anchor>
          )}
        </Stack>
      )}
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Stack>
  );
}

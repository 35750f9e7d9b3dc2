import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { startRegistration } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { passkeyCreationOptions, recoveryCodesResponse, totpStartResponse } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { passkeyError } from '../auth/SecondFactorStep.tsx';
import { TotpSetup } from './TotpSetup.tsx';

type Props = {
  token: string;
  totpAllowed: boolean;
  onDone: (recoveryCodes: string[]) => void;
};
/** Register a passkey (recommended, first) or, where the programme allows it, an authenticator app. */
export function SecondFactorChoice({ token, totpAllowed, onDone }: Props) {
  const { t } = useTranslation();
  const passkey = useMutation({
    mutationFn: async () => {
      const optionsJSON = await api(passkeyCreationOptions, '/api/v1/enrolment/passkey/options', { body: { token } });
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch {
        throw passkeyError();
      }
      return api(recoveryCodesResponse, '/api/v1/enrolment/passkey/verify', { body: { token, response } });
    },
    onSuccess: (result) => onDone(result.recoveryCodes),
  });
  const totpStart = useMutation({
    mutationFn: () => api(totpStartResponse, '/api/v1/enrolment/totp/start', { body: { token } }),
  });

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {t('factor.title')}
      </Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="sm">
            <Title order={3} size="h4">
              {t('factor.passkeyTitle')}
            </Title>
            <Badge color="#1b5e20" variant="filled">
              {t('factor.recommended')}
            </Badge>
          </Group>
          <Text size="sm">{t('factor.passkeyBody')}</Text>
          <ErrorAlert error={passkey.error} />
          <Button loading={passkey.isPending} onClick={() => passkey.mutate()}>
            {t('factor.passkeyButton')}
          </Button>
        </Stack>
      </Paper>
      {totpAllowed && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('factor.totpTitle')}
            </Title>
            <Text size="sm">{t('factor.totpBody')}</Text>
            <ErrorAlert error={totpStart.error} />
            {totpStart.data ? (
              <TotpSetup token={token} setup={totpStart.data} onDone={onDone} />
            ) : (
              <Button variant="default" loading={totpStart.isPending} onClick={() => totpStart.mutate()}>
                {t('factor.totpButton')}
              </Button>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

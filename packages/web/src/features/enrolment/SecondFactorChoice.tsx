import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { passkeyError } from '../auth/SecondFactorStep.tsx';
import { TotpSetup } from './TotpSetup.tsx';

type Props = {
  token: string;
  totpAllowed: boolean;
  onDone: (recoveryCodes: string[]) => void;
};
type Codes = { recoveryCodes: string[] };

/** Register a passkey (recommended, first) or, where the programme allows it, an authenticator app. */
export function SecondFactorChoice({ token, totpAllowed, onDone }: Props) {
  const { t } = useTranslation();
  const passkey = useMutation({
    mutationFn: async () => {
      const optionsJSON = await apiPost<PublicKeyCredentialCreationOptionsJSON>('/api/v1/enrolment/passkey/options', {
        token,
      });
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch {
        throw passkeyError();
      }
      return apiPost<Codes>('/api/v1/enrolment/passkey/verify', {
        token,
        response,
      });
    },
    onSuccess: (result) => onDone(result.recoveryCodes),
  });
  const totpStart = useMutation({
    mutationFn: () => apiPost<{ secret: string; otpauthUri: string }>('/api/v1/enrolment/totp/start', { token }),
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

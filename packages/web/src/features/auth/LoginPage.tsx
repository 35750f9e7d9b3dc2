import { Alert, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { setupStatusResponse, type SignInMethod } from '../../lib/domain.ts';
import type { SignInReason } from '../session/endSession.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { SecondFactorStep } from './SecondFactorStep.tsx';

/** Sign-in: username and password, then a second factor. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const location = useLocation();
  const reason = (location.state as { reason?: SignInReason } | null)?.reason;
  const [methods, setMethods] = useState<SignInMethod[] | null>(null);
  const setup = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api(setupStatusResponse, '/api/v1/setup/status'),
    retry: false,
    staleTime: Infinity,
  });

  const finish = () => {
    client.clear();
    void navigate('/', { replace: true });
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('login.title')}</Title>
      {reason === 'expired' && methods === null && (
        <Alert color="orange" variant="light" role="status" title={t('login.expiredTitle')}>
          {t('login.expiredBody')}
        </Alert>
      )}
      {reason === 'signed_out' && methods === null && (
        <Alert color="navy" variant="light" role="status">
          {t('login.signedOut')}
        </Alert>
      )}
      {setup.data?.needsSetup && (
        <Alert color="navy" variant="light" title={t('login.needsSetupTitle')}>
          {t('login.needsSetupBody')}
        </Alert>
      )}
      {methods === null ? (
        <CredentialsForm onSuccess={setMethods} />
      ) : (
        <SecondFactorStep methods={methods} onSuccess={finish} onCancel={() => setMethods(null)} />
      )}
    </Stack>
  );
}

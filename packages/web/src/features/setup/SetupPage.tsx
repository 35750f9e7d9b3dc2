import { Alert, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { setupStatusResponse } from '../../lib/domain.ts';
import { EnrolmentFlow } from '../enrolment/EnrolmentFlow.tsx';
import { useFragmentToken } from '../enrolment/fragmentToken.ts';
import { SetupForm } from './SetupForm.tsx';

/** `/setup#token=…`: first run. Creates the first programme and administrator, then enrols them. */
export function SetupPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [enrolmentToken, setEnrolmentToken] = useState<string | null>(null);
  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api(setupStatusResponse, '/api/v1/setup/status'),
    retry: false,
    staleTime: Infinity,
    enabled: enrolmentToken === null,
  });

  if (enrolmentToken) return <EnrolmentFlow token={enrolmentToken} />;

  return (
    <Stack gap="lg">
      <Title order={1}>{t('setup.title')}</Title>
      {status.data?.needsSetup === false ? (
        <Alert color="navy" variant="light" title={t('setup.doneTitle')}>
          {t('setup.doneBody')}
        </Alert>
      ) : !token ? (
        <Alert color="red" variant="light" role="alert" title={t('setup.noTokenTitle')}>
          {t('setup.noTokenBody')}
        </Alert>
      ) : (
        <>
          <Text>{t('setup.intro')}</Text>
          <SetupForm token={token} onDone={setEnrolmentToken} />
        </>
      )}
    </Stack>
  );
}

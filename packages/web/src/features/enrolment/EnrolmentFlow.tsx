import { Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { enrolmentInfo } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PasswordStep } from './PasswordStep.tsx';
import { RecoveryCodesStep } from './RecoveryCodesStep.tsx';
import { SecondFactorChoice } from './SecondFactorChoice.tsx';

type Step = 'password' | 'factor' | 'codes';

/** Password (when required), second factor, then the recovery codes, for one enrolment token. */
export function EnrolmentFlow({ token }: { token: string }) {
  const { t } = useTranslation();
  const [passwordDone, setPasswordDone] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const info = useQuery({
    queryKey: ['enrolment', token],
    queryFn: () => api(enrolmentInfo, '/api/v1/enrolment/inspect', { body: { token } }),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  const title = info.data?.purpose === 'reset_mfa' ? t('enrol.titleReset') : t('enrol.title');

  if (info.isPending) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <Loader aria-label={t('common.loading')} />
      </Stack>
    );
  }
  if (info.isError) {
    return (
      <Stack>
        <Title order={1}>{title}</Title>
        <ErrorAlert error={info.error} />
        <Text>{t('enrol.askForNewLink')}</Text>
      </Stack>
    );
  }

  const data = info.data;
  const steps: Step[] = data.passwordRequired ? ['password', 'factor', 'codes'] : ['factor', 'codes'];
  const step: Step = recoveryCodes !== null ? 'codes' : data.passwordRequired && !passwordDone ? 'password' : 'factor';

  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <Text>
        {t('enrol.greeting', {
          name: data.displayName,
          username: data.username,
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('enrol.stepOf', {
          current: steps.indexOf(step) + 1,
          total: steps.length,
        })}
      </Text>
      {step === 'password' && <PasswordStep token={token} onDone={() => setPasswordDone(true)} />}
      {step === 'factor' && (
        <SecondFactorChoice token={token} totpAllowed={data.totpAllowed} onDone={setRecoveryCodes} />
      )}
      {step === 'codes' && recoveryCodes && <RecoveryCodesStep codes={recoveryCodes} />}
    </Stack>
  );
}

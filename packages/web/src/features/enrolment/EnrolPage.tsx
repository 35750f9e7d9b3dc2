import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EnrolmentFlow } from './EnrolmentFlow.tsx';
import { useFragmentToken } from './fragmentToken.ts';

/** `/enrol#token=…`: an invited user, or a user whose second factor was reset. */
export function EnrolPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  if (!token) {
    return (
      <Stack>
        <Title order={1}>{t('enrol.title')}</Title>
        <Alert color="red" variant="light" role="alert" title={t('enrol.noTokenTitle')}>
          {t('enrol.noTokenBody')}
        </Alert>
      </Stack>
    );
  }
  return <EnrolmentFlow token={token} />;
}

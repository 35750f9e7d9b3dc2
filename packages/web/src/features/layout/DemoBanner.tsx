import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { setupStatusResponse } from '../../lib/domain.ts';

/** On a demo instance, a banner on every screen says that nothing in it is real. */
export function DemoBanner() {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api(setupStatusResponse, '/api/v1/setup/status'),
    staleTime: Infinity,
  });
  if (!status.data?.demo) return null;
  return (
    <Alert
      color="yellow"
      variant="filled"
      radius={0}
      mb="md"
      title={t('demo.title')}
      role="note"
      className="utvag-demo-banner"
    >
      {t('demo.body')}
    </Alert>
  );
}

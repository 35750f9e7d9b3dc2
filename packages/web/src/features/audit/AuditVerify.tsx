import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client.ts';
import type { AuditVerifyResult } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** Recomputes the access log's hash chain on the server and names the first broken link. */
export function AuditVerify() {
  const { t } = useTranslation();
  const verify = useMutation({
    mutationFn: () => apiPost<AuditVerifyResult>('/api/v1/audit/verify'),
  });
  const result = verify.data;
  return (
    <Stack gap="sm" align="flex-start">
      <Button onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('audit.verify')}
      </Button>
      <ErrorAlert error={verify.error} />
      {result?.ok && (
        <Alert color="green" variant="light" role="status" title={t('audit.chainOk')} w="100%">
          <Text size="sm">
            {t('audit.chainOkBody', {
              count: result.count,
              checkpoints: result.checkpoints,
            })}
          </Text>
          <Text size="sm">
            {t('audit.headHash')} <Code>{result.headHash}</Code>
          </Text>
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" role="alert" title={t('audit.chainBroken')} w="100%">
          <Text size="sm">
            {result.broken
              ? t('audit.chainBrokenAt', {
                  seq: result.broken.seq,
                  reason: result.broken.reason,
                })
              : t('audit.chainBrokenUnknown')}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

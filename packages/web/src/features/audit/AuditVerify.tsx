import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { auditVerifyResponse } from '../../lib/domain.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** Verifies the access log on the server (the same check as `./utvag audit verify`) and names the first broken entry. */
export function AuditVerify() {
  const { t } = useTranslation();
  const verify = useMutation({
    mutationFn: () => api(auditVerifyResponse, '/api/v1/audit/verify', { method: 'POST' }),
  });
  const result = verify.data;
  const broken = result?.broken;
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
              count: result.sealed,
              pending: result.pending,
              checkpoints: result.checkpoints,
            })}
          </Text>
          {result.head && (
            <Text size="sm">
              {t('audit.head', { position: result.head.position, seq: result.head.entrySeq })}{' '}
              <Code>{result.head.mac}</Code>
            </Text>
          )}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" variant="light" role="alert" title={t('audit.chainBroken')} w="100%">
          <Text size="sm">
            {broken?.seq != null
              ? t('audit.chainBrokenAt', { seq: broken.seq, reason: broken.reason })
              : broken?.position != null
                ? t('audit.chainBrokenAtPosition', { position: broken.position, reason: broken.reason })
                : broken
                  ? t('audit.chainBrokenCheckpoints', { reason: broken.reason })
                  : t('audit.chainBrokenUnknown')}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

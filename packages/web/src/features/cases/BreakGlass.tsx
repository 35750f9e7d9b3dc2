import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { breakGlassResponse } from '../../lib/domain.ts';
import { useFieldErrors } from '../../components/useFieldErrors.ts';
import { formatDateTimeShort } from '../../lib/format.ts';
import { FieldErrorList } from '../calls/FieldErrorList.tsx';

const MIN_REASON = 10;
const storageKey = (caseId: string) => `utvag.breakGlass.${caseId}`;

/** When this tab's emergency access to the case ends, if it has one still running. Display only. */
export function breakGlassUntil(caseId: string): string | null {
  try {
    const value = sessionStorage.getItem(storageKey(caseId));
    return value !== null && Date.parse(value) > Date.now() ? value : null;
  } catch {
    return null;
  }
}

/** The banner on a case opened by break-the-glass. */
export function BreakGlassBanner({ until }: { until: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      color="#8a3a00"
      variant="filled"
      styles={{ title: { color: '#ffffff' }, message: { color: '#ffffff' } }}
      role="status"
      title={t('breakGlass.banner', { at: formatDateTimeShort(until, i18n.language) })}
    >
      {t('breakGlass.bannerBody')}
    </Alert>
  );
}

/**
 * Break-the-glass on a case the user cannot open: a stated reason, a clear warning that the view
 * is logged and the owner and auditors are told. The server decides whether it is allowed.
 */
export function BreakGlassOffer({ caseId, onOpened }: { caseId: string; onOpened: (until: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const open = useMutation({
    mutationFn: () =>
      api(breakGlassResponse, `/api/v1/cases/${encodeURIComponent(caseId)}/break-glass`, { body: { reason } }),
    onSuccess: ({ expiresAt }) => {
      try {
        sessionStorage.setItem(storageKey(caseId), expiresAt);
      } catch {
        // The banner is a courtesy; access is the server's.
      }
      onOpened(expiresAt);
      void client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const errors = useFieldErrors(open.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="break-glass-title" maw={720}>
      <Stack gap="sm">
        <Title order={2} size="h4" id="break-glass-title">
          {t('breakGlass.title')}
        </Title>
        <Text>{t('breakGlass.intro')}</Text>
        <Alert color="red.9" variant="light" title={t('breakGlass.warningTitle')}>
          {t('breakGlass.warning')}
        </Alert>
        <FieldErrorList error={open.error} />
        <Textarea
          label={t('breakGlass.reason')}
          description={t('breakGlass.reasonHelp')}
          autosize
          minRows={2}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <Button
          type="submit"
          color="red.9"
          loading={open.isPending}
          disabled={reason.trim().length < MIN_REASON}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('breakGlass.submit')}
        </Button>
      </Stack>
    </Paper>
  );
}

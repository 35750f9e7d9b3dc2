import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.ts';

/** Shows an API error in the user's language; renders nothing without an error. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('common.error_title')}>
      {errorText(t, (key) => i18n.exists(key), error)}
    </Alert>
  );
}

/** Hook form of `errorText`, for field-level messages. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => errorText(t, (key) => i18n.exists(key), error);
}

import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadingRow } from '../../components/LoadingRow.tsx';

/** True when the server refused or hid a section (403 or 404): the section is not shown. */
export function isRefusal(error: unknown): boolean {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}

/**
 * The loading and failure states of one section of a case. A refusal reads as "not available to
 * you" rather than an error: the server decides, and the screen says so calmly.
 */
export function SectionState({ error, isPending }: { error: unknown; isPending: boolean }) {
  const { t } = useTranslation();
  if (isPending) return <LoadingRow />;
  if (isRefusal(error)) return <EmptyState>{t('section.notAvailable')}</EmptyState>;
  return <ErrorAlert error={error} />;
}

import { useTranslation } from 'react-i18next';
import { fieldErrorTexts } from '../api/errors.ts';

/** Translated per-field messages from a validation error, keyed by field path. */
export function useFieldErrors(error: unknown): Record<string, string | undefined> {
  const { t, i18n } = useTranslation();
  return fieldErrorTexts(t, (key) => i18n.exists(key), error, i18n.language);
}

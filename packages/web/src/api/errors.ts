import type { TFunction } from 'i18next';
import { isApiError } from './client.ts';

/** The text to show for an error: the translated messageKey when known, else the server's message. */
export function errorText(t: TFunction, i18nExists: (key: string) => boolean, error: unknown): string {
  if (isApiError(error)) {
    const key = error.messageKey;
    if (key && i18nExists(key)) return t(key);
    return error.body.error.message || t('errors.internal');
  }
  return t('errors.internal');
}

/** Field problems from a validation error, by field path, already translated. */
export function fieldErrorTexts(
  t: TFunction,
  i18nExists: (key: string) => boolean,
  error: unknown,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const field of error.body.error.fields ?? []) {
    // Zod's own messages are English; without a known key a translated generic text is shown.
    out[field.path] = field.messageKey ? fieldKeyText(t, i18nExists, field.messageKey) : t('validation.invalid');
  }
  // The domain's AppError sends `fieldErrors: { path: messageKey[] }`; accept that shape too.
  const record = (error.body.error as { fieldErrors?: Record<string, readonly string[]> }).fieldErrors;
  for (const [path, keys] of Object.entries(record ?? {})) {
    const key = keys[0];
    if (key !== undefined && out[path] === undefined) out[path] = fieldKeyText(t, i18nExists, key);
  }
  return out;
}

// Field keys arrive as full keys ('errors.x') or bare zod/domain codes ('role_conflict').
function fieldKeyText(t: TFunction, i18nExists: (key: string) => boolean, key: string): string {
  if (i18nExists(key)) return t(key);
  if (i18nExists(`validation.${key}`)) return t(`validation.${key}`);
  return t('validation.invalid');
}

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
  language = 'sv',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fieldErrorList(t, i18nExists, error, language)) {
    if (out[field.path] === undefined) out[field.path] = field.text;
  }
  return out;
}

/** Every field problem of an error, in order, translated: the server's own text in the user's
 * language when it sent one, else the translated key, else a generic text. */
export function fieldErrorList(
  t: TFunction,
  i18nExists: (key: string) => boolean,
  error: unknown,
  language = 'sv',
): { path: string; text: string }[] {
  if (!isApiError(error)) return [];
  return (error.body.error.fields ?? []).map((field) => {
    const own = field.messages?.[language === 'en' ? 'en' : 'sv'];
    // Zod's own messages are English; without a known key a translated generic text is shown.
    const text = own ?? (field.messageKey ? fieldKeyText(t, i18nExists, field.messageKey) : t('validation.invalid'));
    return { path: field.path, text };
  });
}

// Field keys arrive as full keys ('errors.x') or bare zod/domain codes ('role_conflict').
function fieldKeyText(t: TFunction, i18nExists: (key: string) => boolean, key: string): string {
  if (i18nExists(key)) return t(key);
  if (i18nExists(`validation.${key}`)) return t(`validation.${key}`);
  return t('validation.invalid');
}

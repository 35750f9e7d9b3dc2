import type { TFunction } from 'i18next';
import { answerValuesFor, type InstrumentItem } from '../../lib/domain.ts';

/** The text of a bilingual value in the interface language. */
export function pick(text: { sv: string; en: string } | undefined, language: string): string {
  if (!text) return '';
  return language === 'en' ? text.en : text.sv;
}

/** The options of an item, with their labels in the interface language. Free text has none. */
export function answerOptions(
  item: InstrumentItem,
  t: TFunction,
  language: string,
): { value: string; label: string }[] {
  if (item.answerType === 'choice') {
    return (item.options ?? []).map((o) => ({ value: o.value, label: pick(o.label, language) }));
  }
  const values = answerValuesFor(item) ?? [];
  return values.map((value) => ({
    value,
    label: t(item.answerType === 'scale_0_2' ? `answer.scale.${value}` : `answer.${value}`),
  }));
}

/** The label of a given answer, for read-only views. */
export function answerLabel(item: InstrumentItem, value: string, t: TFunction, language: string): string {
  if (item.answerType === 'text') return value;
  return answerOptions(item, t, language).find((o) => o.value === value)?.label ?? value;
}

/**
 * One-key answers while a question has focus: J/Y yes, N no, V/U/? unknown, 0–2 on a scale,
 * 1–9 for the options of a choice. Returns the answer value or null.
 */
export function answerForKey(item: InstrumentItem, key: string): string | null {
  const k = key.toLowerCase();
  const allowed = answerValuesFor(item);
  if (allowed === null) return null;
  const fixed: Record<string, string> = { j: 'yes', y: 'yes', n: 'no', v: 'unknown', u: 'unknown', '?': 'unknown' };
  if (item.answerType === 'choice') {
    const index = Number.parseInt(k, 10);
    return Number.isInteger(index) && index >= 1 && index <= allowed.length ? (allowed[index - 1] ?? null) : null;
  }
  const value = item.answerType === 'scale_0_2' && ['0', '1', '2'].includes(k) ? k : fixed[k];
  return value !== undefined && allowed.includes(value) ? value : null;
}

import { parseInstrumentDefinition } from './instrument-definition.ts';
import type { InstrumentDefinition } from './instrument.schema.ts';

// Shared test fixtures (no test runner imports, so tsc checks them like code).

/** A bilingual text. */
export const t = (sv: string, en: string) => ({ sv, en });

/** A small valid definition with one item of every answer type; tests break it on purpose. */
export function definition(): Record<string, unknown> & {
  parts: { id: string; title: unknown; items: Record<string, unknown>[] }[];
} {
  return {
    id: 'test-checklist',
    version: 1,
    kind: 'checklist',
    name: t('Testlista', 'Test list'),
    parts: [
      {
        id: 'a',
        title: t('Del A', 'Part A'),
        items: [
          {
            id: 'threatened',
            text: t('Hotad?', 'Threatened?'),
            answerType: 'yes_no_unknown',
            required: true,
            critical: true,
          },
          {
            id: 'tonight',
            text: t('Säker plats i natt?', 'Safe place tonight?'),
            answerType: 'yes_no',
            required: true,
            acuteAnswers: ['no'],
          },
          { id: 'drugs', text: t('Droger?', 'Drugs?'), answerType: 'scale_0_2', required: false, critical: true },
        ],
      },
      {
        id: 'b',
        title: t('Del B', 'Part B'),
        items: [
          {
            id: 'when',
            text: t('När?', 'When?'),
            answerType: 'choice',
            options: [
              { value: 'never', label: t('Aldrig', 'Never') },
              { value: 'today', label: t('I dag', 'Today') },
              { value: 'unknown', label: t('Vet ej', 'Unknown') },
            ],
            required: false,
            critical: true,
            acuteAnswers: ['today'],
          },
          { id: 'notes', text: t('Övrigt', 'Other'), answerType: 'text', required: false },
        ],
      },
    ],
    judgement: { levels: ['none', 'low', 'elevated', 'acute'], label: t('Bedömning', 'Judgement') },
  };
}

/** The small definition, parsed. */
export function parsed(): InstrumentDefinition {
  const result = parseInstrumentDefinition(definition());
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.value;
}

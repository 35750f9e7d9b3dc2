import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from '../instrument-definition.ts';
import { evaluateAnswers, instrumentItems, validateAnswers } from '../instrument.ts';
import { BUILTIN_INSTRUMENTS, findBuiltinInstrument } from './builtin-instruments.ts';
import { HOTLINE_THREAT_CHECKLIST_V1 } from './hotline-threat-checklist.ts';

// Version 1 as it shipped, written out by hand. Completed checklists point at (id, version), so
// if this test fails because v1 was edited in place, add version 2 instead.
// id: answerType, required, critical, acute answers
// prettier-ignore
const V1_ITEMS = [
  'safe_now: yes_no_unknown, required, -, acute=no',
  'safe_place_tonight: yes_no_unknown, required, -, acute=no',
  'known_time_place: yes_no_unknown, required, critical, acute=yes',
  'direct_threats: yes_no_unknown, required, critical, acute=',
  'threats_against_family: yes_no_unknown, required, critical, acute=',
  'weapons: yes_no_unknown, required, critical, acute=',
  'group_knows_plan: yes_no_unknown, required, critical, acute=',
  'recent_violence: scale_0_2, required, critical, acute=',
  'children_in_home: yes_no_unknown, required, -, acute=',
  'substance_use: scale_0_2, optional, -, acute=',
  'own_ongoing_crime: yes_no_unknown, optional, -, acute=',
  'police_involved: yes_no_unknown, optional, -, acute=',
  'notes: text, optional, -, acute=',
];

const REQUIRED_NO_ALARM = {
  safe_now: 'yes',
  safe_place_tonight: 'yes',
  known_time_place: 'no',
  direct_threats: 'yes',
  threats_against_family: 'no',
  weapons: 'unknown',
  group_knows_plan: 'yes',
  recent_violence: '1',
  children_in_home: 'yes',
};

describe('the built-in hotline threat checklist', () => {
  it('parses with parseInstrumentDefinition, unchanged', () => {
    const result = parseInstrumentDefinition(HOTLINE_THREAT_CHECKLIST_V1);
    expect(result).toEqual({ ok: true, value: HOTLINE_THREAT_CHECKLIST_V1 });
  });

  it('survives a round trip through JSON, as an export and re-import would do', () => {
    expect(parseInstrumentDefinition(JSON.stringify(HOTLINE_THREAT_CHECKLIST_V1)).ok).toBe(true);
  });

  it('is the checklist utvag-hotline-threat, version 1', () => {
    expect(HOTLINE_THREAT_CHECKLIST_V1).toMatchObject({ id: 'utvag-hotline-threat', version: 1, kind: 'checklist' });
    expect(HOTLINE_THREAT_CHECKLIST_V1.judgement.levels).toEqual(['none', 'low', 'elevated', 'acute']);
  });

  it('still has the items version 1 shipped with', () => {
    const actual = instrumentItems(HOTLINE_THREAT_CHECKLIST_V1).map(
      (item) =>
        `${item.id}: ${item.answerType}, ${item.required ? 'required' : 'optional'}, ` +
        `${item.critical === true ? 'critical' : '-'}, acute=${(item.acuteAnswers ?? []).join('|')}`,
    );
    expect(actual).toEqual(V1_ITEMS);
  });

  it('has every text in both Swedish and English, and they are not the same text', () => {
    const texts = [
      HOTLINE_THREAT_CHECKLIST_V1.name,
      ...HOTLINE_THREAT_CHECKLIST_V1.parts.map((part) => part.title),
      ...instrumentItems(HOTLINE_THREAT_CHECKLIST_V1).flatMap((item) => [item.text, ...(item.help ? [item.help] : [])]),
    ];
    for (const text of texts) {
      expect(text.sv.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.sv).not.toBe(text.en);
    }
  });

  it('lets a hotline officer answer "unknown" to every yes/no question', () => {
    for (const item of instrumentItems(HOTLINE_THREAT_CHECKLIST_V1)) {
      expect(item.answerType).not.toBe('yes_no');
    }
  });

  it('accepts the required answers alone, with no alarm', () => {
    expect(validateAnswers(HOTLINE_THREAT_CHECKLIST_V1, REQUIRED_NO_ALARM)).toEqual([]);
    expect(evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, REQUIRED_NO_ALARM).acute).toBe(false);
  });

  it('raises the acute alarm for a known time or place of the threatened violence', () => {
    const evaluation = evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, { ...REQUIRED_NO_ALARM, known_time_place: 'yes' });
    expect(evaluation).toMatchObject({ acute: true, acuteItemIds: ['known_time_place'], suggestedJudgement: 'acute' });
    expect(evaluation.criticalItemIds).toContain('known_time_place');
  });

  it('raises the acute alarm when the person has no safe place tonight', () => {
    const evaluation = evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, { ...REQUIRED_NO_ALARM, safe_place_tonight: 'no' });
    expect(evaluation).toMatchObject({ acute: true, acuteItemIds: ['safe_place_tonight'] });
  });

  it('raises the acute alarm when the person is not safe during the call', () => {
    expect(evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, { ...REQUIRED_NO_ALARM, safe_now: 'no' }).acute).toBe(true);
  });

  it('does not call a safe place tonight "critical": only danger is', () => {
    const evaluation = evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, REQUIRED_NO_ALARM);
    expect(evaluation.criticalItemIds).toEqual(['direct_threats', 'group_knows_plan']);
  });

  it('calls violence within the last month critical, and earlier violence not', () => {
    const recent = evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, { ...REQUIRED_NO_ALARM, recent_violence: '2' });
    expect(recent.criticalItemIds).toContain('recent_violence');
    expect(recent.acute).toBe(false);
  });

  it('keeps "unknown" apart from "no" for weapons', () => {
    expect(evaluateAnswers(HOTLINE_THREAT_CHECKLIST_V1, REQUIRED_NO_ALARM).unknownItemIds).toEqual(['weapons']);
  });

  it('rejects a missing required answer with the question named in both languages', () => {
    const { safe_place_tonight: _omitted, ...rest } = REQUIRED_NO_ALARM;
    const [error] = validateAnswers(HOTLINE_THREAT_CHECKLIST_V1, rest);
    expect(error?.code).toBe('answer_required');
    expect(error?.message.sv).toContain('Har personen en säker plats att sova på i natt?');
    expect(error?.message.en).toContain('Does the person have a safe place to sleep tonight?');
  });
});

describe('BUILTIN_INSTRUMENTS', () => {
  it('ships the hotline checklist and the risk analysis, and every built-in parses', () => {
    expect(BUILTIN_INSTRUMENTS.map((i) => `${i.id}@${i.version}`)).toEqual([
      'utvag-hotline-threat@1',
      'utvag-risk-analysis@1',
    ]);
    for (const instrument of BUILTIN_INSTRUMENTS) expect(parseInstrumentDefinition(instrument).ok).toBe(true);
  });

  it('has no two built-ins with the same id and version', () => {
    const keys = BUILTIN_INSTRUMENTS.map((i) => `${i.id}@${i.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cannot be changed at run time', () => {
    const item = instrumentItems(HOTLINE_THREAT_CHECKLIST_V1)[0];
    expect(Object.isFrozen(HOTLINE_THREAT_CHECKLIST_V1)).toBe(true);
    expect(() => {
      (item as { required: boolean }).required = false;
    }).toThrow(TypeError);
    expect(() => {
      (item?.acuteAnswers as string[]).push('yes');
    }).toThrow(TypeError);
  });

  it('finds a built-in by id and version, and nothing else', () => {
    expect(findBuiltinInstrument('utvag-hotline-threat', 1)).toBe(HOTLINE_THREAT_CHECKLIST_V1);
    expect(findBuiltinInstrument('utvag-hotline-threat', 2)).toBeNull();
    expect(findBuiltinInstrument('sara', 1)).toBeNull();
  });
});

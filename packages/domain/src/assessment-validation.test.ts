import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_VALIDATION_CODES,
  ASSESSMENT_VALIDATION_MESSAGES,
  isAssessmentValidationCode,
} from './assessment-validation.ts';
import { CALL_VALIDATION_CODES } from './calls.ts';

describe('the assessment validation codes', () => {
  it('have a message in Swedish and English for every code, and for nothing else', () => {
    expect(Object.keys(ASSESSMENT_VALIDATION_MESSAGES).sort()).toEqual([...ASSESSMENT_VALIDATION_CODES].sort());
    for (const code of ASSESSMENT_VALIDATION_CODES) {
      const { sv, en } = ASSESSMENT_VALIDATION_MESSAGES[code];
      expect(sv.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect(sv).not.toBe(en);
    }
  });

  it('lists no code twice, and shares none with the call codes (one message key each)', () => {
    expect(new Set(ASSESSMENT_VALIDATION_CODES).size).toBe(ASSESSMENT_VALIDATION_CODES.length);
    const calls: readonly string[] = CALL_VALIDATION_CODES;
    expect(ASSESSMENT_VALIDATION_CODES.filter((code) => calls.includes(code))).toEqual([]);
  });

  it('recognises only its own codes', () => {
    expect(isAssessmentValidationCode('review_date_in_past')).toBe(true);
    for (const x of ['received_in_future', 'constructor', '', 42, undefined]) {
      expect(isAssessmentValidationCode(x)).toBe(false);
    }
  });
});

describe('the codes the server reports', () => {
  it('are assessment codes with their own texts, so no server module keeps texts of its own', () => {
    const serverFound = [
      'attachment_required',
      'unknown_attachment',
      'content_type_mismatch',
      'file_too_large',
      'unknown_participant',
      'unknown_meeting',
      'decision_not_possible_in_state',
      'occurred_in_future',
      'unknown_instrument',
      'unknown_previous_analysis',
      'municipality_required',
      'nothing_to_change',
      'not_a_programme_coordinator',
      'reason_contains_secret',
    ];
    for (const code of serverFound) {
      expect(isAssessmentValidationCode(code), code).toBe(true);
      if (isAssessmentValidationCode(code)) expect(ASSESSMENT_VALIDATION_MESSAGES[code].sv).not.toBe('');
    }
  });

  it('tells a reason that repeats the secret to leave it out, since the reason is kept in the log', () => {
    expect(ASSESSMENT_VALIDATION_MESSAGES.reason_contains_secret.en).toMatch(/log/);
    expect(ASSESSMENT_VALIDATION_MESSAGES.reason_contains_secret.sv).toMatch(/loggen/);
  });
});

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

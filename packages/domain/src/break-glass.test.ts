import { describe, expect, it } from 'vitest';
import {
  activeBreakGlassCaseIds,
  BREAK_GLASS_HOURS,
  breakGlassBody,
  breakGlassExpiresAt,
  isBreakGlassActive,
} from './break-glass.ts';

const GRANTED = new Date('2026-03-10T02:00:00Z');

describe('break-the-glass grants', () => {
  it('last four hours', () => {
    expect(BREAK_GLASS_HOURS).toBe(4);
    expect(breakGlassExpiresAt(GRANTED)).toEqual(new Date('2026-03-10T06:00:00Z'));
  });

  it.each([
    ['2026-03-10T01:59:59Z', false],
    ['2026-03-10T02:00:00Z', true],
    ['2026-03-10T05:59:59Z', true],
    ['2026-03-10T06:00:00Z', false],
  ])('at %s is active: %s', (now, active) => {
    expect(isBreakGlassActive({ grantedAt: GRANTED, expiresAt: breakGlassExpiresAt(GRANTED) }, new Date(now))).toBe(
      active,
    );
  });

  it("lists only the user's own unexpired grants, each case once", () => {
    const grant = (caseId: string, userId: string, grantedAt: Date) => ({
      caseId,
      userId,
      grantedAt,
      expiresAt: breakGlassExpiresAt(grantedAt),
    });
    const grants = [
      grant('case-1', 'u1', GRANTED),
      grant('case-1', 'u1', new Date('2026-03-10T03:00:00Z')),
      grant('case-2', 'u2', GRANTED),
      grant('case-3', 'u1', new Date('2026-03-09T20:00:00Z')),
    ];
    expect(activeBreakGlassCaseIds(grants, 'u1', new Date('2026-03-10T04:00:00Z'))).toEqual(['case-1']);
    expect(activeBreakGlassCaseIds(grants, '', new Date('2026-03-10T04:00:00Z'))).toEqual([]);
  });

  it('needs a stated reason of at least ten characters', () => {
    expect(breakGlassBody.safeParse({ reason: 'Personen ringer, hotad nu, handläggaren nås ej' }).success).toBe(true);
    for (const reason of [undefined, '', '   akut   ']) {
      const result = breakGlassBody.safeParse({ reason });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('break_glass_reason_required');
    }
  });
});

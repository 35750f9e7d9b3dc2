import { describe, expect, it } from 'vitest';
import { ACTIONS } from './actions.ts';
import { AUDIT_ACTIONS, AUDIT_EVENTS, isAuditAction } from './audit-actions.ts';

describe('the audit action list', () => {
  it('holds every policy action and every logged event, each once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const a of [...ACTIONS, ...AUDIT_EVENTS]) expect(isAuditAction(a)).toBe(true);
  });

  it('knows no made-up name', () => {
    expect(isAuditAction('case:reed')).toBe(false);
    expect(isAuditAction('__proto__')).toBe(false);
    expect(isAuditAction(7)).toBe(false);
  });

  it('keeps logged events apart from policy actions, so an event never reads as a decision', () => {
    for (const e of AUDIT_EVENTS) expect((ACTIONS as readonly string[]).includes(e)).toBe(false);
  });
});

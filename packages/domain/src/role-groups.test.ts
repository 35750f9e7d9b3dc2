import { describe, expect, it } from 'vitest';
import { ROLE_ACTIONS } from './policy-matrix.ts';
import {
  administers,
  BREAK_GLASS_WATCH_ROLES,
  CASE_LEAD_ROLES,
  CASE_WORKING_ROLES,
  DUTY_ROLES,
  isOnDutyRoster,
  leadsCases,
  readsAttentionFeed,
} from './role-groups.ts';
import { ROLES } from './roles.ts';

describe('the role groups', () => {
  it('put only hotline officers and coordinators on the duty roster', () => {
    expect([...DUTY_ROLES].sort()).toEqual(['coordinator', 'hotline_officer']);
    expect(isOnDutyRoster(['hotline_officer'])).toBe(true);
    expect(isOnDutyRoster(['coach', 'management'])).toBe(false);
  });

  it('let only coordinators lead cases', () => {
    expect(CASE_LEAD_ROLES).toEqual(['coordinator']);
    expect(leadsCases(['hotline_officer', 'coordinator'])).toBe(true);
    expect(leadsCases(['hotline_officer'])).toBe(false);
  });

  it('never put administration, audit or management on a case team (separation of duties)', () => {
    for (const role of ['administrator', 'auditor', 'management'] as const) {
      expect((CASE_WORKING_ROLES as readonly string[]).includes(role)).toBe(false);
    }
    // Every case-working role reads cases; nobody else does.
    for (const role of ROLES) {
      expect((CASE_WORKING_ROLES as readonly string[]).includes(role)).toBe(ROLE_ACTIONS[role].includes('case:read'));
    }
  });

  it('tell auditors of break-the-glass and show them the attention feed', () => {
    expect(BREAK_GLASS_WATCH_ROLES).toEqual(['auditor']);
    expect(readsAttentionFeed(['auditor'])).toBe(true);
    expect(readsAttentionFeed(['coordinator'])).toBe(true);
    expect(readsAttentionFeed(['hotline_officer'])).toBe(false);
  });

  it('recognise administration, and nothing from an unknown string', () => {
    expect(administers(['administrator'])).toBe(true);
    expect(administers(['admin', '__proto__'])).toBe(false);
  });
});

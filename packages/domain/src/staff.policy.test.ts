import { describe, expect, it } from 'vitest';
import { actionsForResourceKind } from './actions.ts';
import { can } from './authorize.ts';
import { actorWith, caseWithMember, OTHER_PROGRAMME_ID, programme, staffMember } from './policy.fixtures.ts';
import { ROLES } from './roles.ts';

// Written by hand: who may manage availability, of themselves and of someone else.
// prettier-ignore
const EXPECTED: Record<string, { self: boolean; other: boolean }> = {
  coordinator:        { self: true,  other: true  },
  hotline_officer:    { self: true,  other: false },
  partner_caseworker: { self: false, other: false },
  coach:              { self: false, other: false },
  management:         { self: false, other: false },
  auditor:            { self: false, other: false },
  administrator:      { self: false, other: false },
};

describe('the role × staff availability table', () => {
  it('covers exactly the known roles, and availability is the only staff action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    expect(actionsForResourceKind('staff')).toEqual(['availability:manage']);
  });

  it.each(ROLES)('a %s managing availability', (role) => {
    const actor = actorWith(role);
    expect(can(actor, 'availability:manage', staffMember(actor.userId))).toBe(EXPECTED[role]?.self);
    expect(can(actor, 'availability:manage', staffMember('someone-else'))).toBe(EXPECTED[role]?.other);
  });
});

describe('staff availability', () => {
  it('denies a coordinator the staff of another programme', () => {
    expect(can(actorWith('coordinator'), 'availability:manage', staffMember('someone', OTHER_PROGRAMME_ID))).toBe(
      false,
    );
  });

  it('denies a hotline officer their own availability in another programme', () => {
    const officer = actorWith('hotline_officer');
    expect(can(officer, 'availability:manage', staffMember(officer.userId, OTHER_PROGRAMME_ID))).toBe(false);
  });

  it('does not treat an empty user id as the same person as an empty target', () => {
    expect(can(actorWith('hotline_officer', { userId: '' }), 'availability:manage', staffMember(''))).toBe(false);
  });

  it('is never granted against the programme or a case (it would cover everyone)', () => {
    for (const role of ROLES) {
      const actor = actorWith(role);
      expect(can(actor, 'availability:manage', programme)).toBe(false);
      expect(can(actor, 'availability:manage', caseWithMember(actor))).toBe(false);
    }
  });

  it('grants no other action against a staff member', () => {
    const coordinator = actorWith('coordinator');
    for (const action of ['roster:manage', 'case:read', 'user:update_roles', 'identity:read'] as const) {
      expect(can(coordinator, action, staffMember(coordinator.userId))).toBe(false);
    }
  });
});

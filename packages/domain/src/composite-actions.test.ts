import { describe, expect, it } from 'vitest';
import { caseAbilities } from './abilities.ts';
import { can } from './authorize.ts';
import { actorWith, caseFor, caseWithMember, programme } from './policy.fixtures.ts';
import { ROLES, type Role } from './roles.ts';

// Written by hand from the rules, not derived from CASE_COMPOSITE_ACTIONS: who may use each
// composite action on a case they are on the team of, with consent for every section.
const EXPECTED: Record<Role, readonly string[]> = {
  coordinator: ['threat_link:read', 'threat_link:write', 'case:book_meeting', 'eligibility:record'],
  // The hotline reads the risk analysis but not the threat registry, and books meetings.
  hotline_officer: ['case:book_meeting'],
  partner_caseworker: [],
  coach: [],
  management: [],
  auditor: [],
  administrator: [],
};
const COMPOSITES = ['threat_link:read', 'threat_link:write', 'case:book_meeting', 'eligibility:record'] as const;

describe('the named composite actions on a case', () => {
  const rows = ROLES.flatMap((role) =>
    COMPOSITES.map((action) => ({ role, action, allowed: EXPECTED[role].includes(action) })),
  );
  it.each(rows)('$role $action → allowed: $allowed', ({ role, action, allowed }) => {
    const actor = actorWith(role);
    expect(can(actor, action, caseWithMember(actor))).toBe(allowed);
  });

  it('denies a hotline officer the threat links although they may read the risk analysis', () => {
    const officer = actorWith('hotline_officer');
    expect(can(officer, 'risk:read', caseWithMember(officer))).toBe(true);
    expect(can(officer, 'threat_link:read', caseWithMember(officer))).toBe(false);
  });

  it('is never granted against the programme or a case in another programme', () => {
    const coordinator = actorWith('coordinator');
    for (const action of COMPOSITES) {
      expect(can(coordinator, action, programme)).toBe(false);
      expect(can(coordinator, action, caseWithMember(coordinator, { programmeId: 'prog-other' }))).toBe(false);
    }
  });

  it('needs the case part: a coordinator off the team may not book or see the links', () => {
    const coordinator = actorWith('coordinator');
    const outside = caseFor({ teamUserIds: ['someone-else'] });
    for (const action of COMPOSITES) expect(can(coordinator, action, outside)).toBe(false);
  });

  it('needs the programme part: a role without meeting:book may not book though it reads the case', () => {
    const coach = actorWith('coach');
    expect(can(coach, 'case:read', caseWithMember(coach))).toBe(true);
    expect(can(coach, 'case:book_meeting', caseWithMember(coach))).toBe(false);
  });
});

describe("a case's abilities", () => {
  it('list the composites a coordinator may use and the programme actions they stand on', () => {
    const coordinator = actorWith('coordinator');
    const abilities = caseAbilities(coordinator, caseWithMember(coordinator));
    expect(abilities).toEqual(expect.arrayContaining([...COMPOSITES, 'meeting:book', 'place:read', 'case:read']));
  });

  it('give a hotline officer no threat links, so the web shows no tab that answers 403', () => {
    const officer = actorWith('hotline_officer');
    const abilities = caseAbilities(officer, caseWithMember(officer));
    expect(abilities).toContain('risk:read');
    expect(abilities).not.toContain('threat_link:read');
    expect(abilities).toContain('case:book_meeting');
  });

  it('agree with can() for every composite', () => {
    for (const role of ROLES) {
      const actor = actorWith(role);
      const resource = caseWithMember(actor);
      const abilities = caseAbilities(actor, resource);
      for (const action of COMPOSITES) expect(abilities.includes(action)).toBe(can(actor, action, resource));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { abilitiesFor, hasAbility, showsAttentionFeed, staffAbilities } from './abilities.ts';
import { ACTIONS } from './actions.ts';
import { can } from './authorize.ts';
import { actorWith, caseFor, caseWithMember, programme, staffMember } from './policy.fixtures.ts';
import { ROLES } from './roles.ts';

describe('abilitiesFor', () => {
  it('lists exactly what a coach with consent may do on a case', () => {
    const coach = actorWith('coach');
    expect(abilitiesFor(coach, caseWithMember(coach))).toEqual([
      'case:read',
      'plan:read',
      'support:read',
      'support:write',
      'conditions:read',
      'mapping:read',
    ]);
  });

  it('lists nothing for a partner caseworker whose consent is withdrawn', () => {
    const partner = actorWith('partner_caseworker');
    expect(abilitiesFor(partner, caseFor({ teamUserIds: [partner.userId] }))).toEqual([]);
  });

  it('lists only administration for an administrator on the programme', () => {
    expect(abilitiesFor(actorWith('administrator'), programme)).toEqual([
      'user:list',
      'user:invite',
      'user:update_roles',
      'user:deactivate',
      'user:reset_mfa',
      'organisation:list',
      'organisation:read',
      'organisation:manage',
      'programme:list',
      'programme:manage',
      'instrument:read',
      'instrument:import',
    ]);
  });

  it('lists the intake work for a hotline officer on the programme', () => {
    expect(abilitiesFor(actorWith('hotline_officer'), programme)).toEqual([
      'case:list',
      'case:create',
      'call:create',
      'call:list',
      'call:read',
      'case:lookup_personnummer',
      'roster:read',
      'place:read',
      'meeting:book',
      'instrument:read',
    ]);
  });

  it('lists managing availability for a hotline officer on themselves only', () => {
    const officer = actorWith('hotline_officer');
    expect(abilitiesFor(officer, staffMember(officer.userId))).toEqual(['availability:manage']);
    expect(abilitiesFor(officer, staffMember('someone-else'))).toEqual([]);
  });

  it.each(ROLES)('agrees with can() for every action, for a %s', (role) => {
    const actor = actorWith(role);
    for (const resource of [
      programme,
      caseWithMember(actor),
      caseFor({ teamUserIds: ['x'] }),
      staffMember(actor.userId),
      staffMember('x'),
    ]) {
      const abilities = abilitiesFor(actor, resource);
      for (const action of ACTIONS) expect(hasAbility(abilities, action)).toBe(can(actor, action, resource));
    }
  });
});

describe('staffAbilities (the abilities of /me)', () => {
  it('offers break-the-glass and the risk reviews to a coordinator, besides the programme actions', () => {
    const abilities = staffAbilities(actorWith('coordinator'), programme);
    expect(abilities).toEqual(expect.arrayContaining(['case:list', 'meeting:book', 'case:break_glass', 'risk:read']));
    expect(abilities).not.toContain('user:list');
  });

  it('never offers break-the-glass to a role without it in the matrix', () => {
    for (const role of ROLES.filter((r) => r !== 'coordinator')) {
      expect(staffAbilities(actorWith(role), programme), role).not.toContain('case:break_glass');
    }
  });

  it('lists the hotline officer the risk reading the server answers on /home/reviews-due, not the writing', () => {
    const abilities = staffAbilities(actorWith('hotline_officer'), programme);
    expect(abilities).toContain('risk:read');
    expect(abilities).not.toContain('risk:write');
  });

  it('lists an administrator, an auditor and management no case action at all', () => {
    for (const role of ['administrator', 'auditor', 'management'] as const) {
      expect(staffAbilities(actorWith(role), programme).filter((a) => a.startsWith('case:'))).toEqual([]);
    }
  });

  it('shows the attention feed to coordinators and auditors only', () => {
    expect(ROLES.filter((role) => showsAttentionFeed(actorWith(role)))).toEqual(['coordinator', 'auditor']);
  });
});

import { describe, expect, it } from 'vitest';
import { abilitiesFor, hasAbility } from './abilities.ts';
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

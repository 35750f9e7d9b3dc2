import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abilitiesFor } from './abilities.ts';
import { can } from './authorize.ts';
import { caseAccessFromCoverage, coveredOrganisations, type ConsentRecord, type LegalBasisRecord } from './consent.ts';
import { actorWith, caseFor, caseWithMember, ORG_MUNICIPALITY, ORG_PASSUS, ORG_POLICE } from './policy.fixtures.ts';
import { ROLES, type Role } from './roles.ts';
import { SECTIONS, type Section } from './sections.ts';

const SCOPED = [
  'consent:read',
  'consent:write',
  'conditions:read',
  'conditions:write',
  'eligibility:decide',
  'risk:read',
  'risk:write',
  'mapping:read',
  'mapping:write',
] as const;

// Written by hand from the issue, independently of ROLE_ACTIONS and CASE_ACTION_SCOPE: the
// assessment actions each role has on a case it is on the team of, with consent for every section.
const EXPECTED_SCOPED: Record<string, readonly string[]> = {
  coordinator: [...SCOPED],
  hotline_officer: ['risk:read'],
  partner_caseworker: ['conditions:read', 'mapping:read'],
  coach: ['conditions:read', 'mapping:read'],
  management: [],
  auditor: [],
  administrator: [],
};

describe('the role × assessment action table, for a team member covered by consent', () => {
  it('covers exactly the known roles', () => {
    expect(Object.keys(EXPECTED_SCOPED).sort()).toEqual([...ROLES].sort());
  });

  const rows = ROLES.flatMap((role) =>
    SCOPED.map((action) => ({ role, action, allowed: (EXPECTED_SCOPED[role] ?? []).includes(action) })),
  );
  it.each(rows)('$role $action → allowed: $allowed', ({ role, action, allowed }) => {
    const actor = actorWith(role);
    expect(can(actor, action, caseWithMember(actor))).toBe(allowed);
  });

  it.each(ROLES)('denies a %s every assessment action on a case they are not on the team of', (role) => {
    const actor = actorWith(role);
    const resource = caseFor({ teamUserIds: ['someone-else'], consentedOrganisationIds: [actor.organisationId] });
    for (const action of SCOPED) expect(can(actor, action, resource)).toBe(false);
  });
});

describe('coverage per section', () => {
  const partner = actorWith('partner_caseworker', { organisationId: ORG_MUNICIPALITY });
  const coach = actorWith('coach', { organisationId: ORG_PASSUS });
  const withCoverage = (coverage: Record<string, readonly Section[]>, teamUserIds = [partner.userId, coach.userId]) =>
    caseFor({ teamUserIds, consentedOrganisationIds: Object.keys(coverage), coverage });

  it('lets a partner caseworker read only the sections their organisation is covered for', () => {
    const resource = withCoverage({ [ORG_MUNICIPALITY]: ['plan', 'support'] });
    expect(abilitiesFor(partner, resource)).toEqual([
      'case:read',
      'plan:read',
      'support:read',
      'conditions:read',
      'mapping:read',
    ]);
  });

  it('gives the mapping only with the plan covered: economy alone opens its areas to no one', () => {
    expect(can(partner, 'mapping:read', withCoverage({ [ORG_MUNICIPALITY]: ['economy'] }))).toBe(false);
    expect(can(partner, 'mapping:read', withCoverage({ [ORG_MUNICIPALITY]: ['plan'] }))).toBe(true);
    expect(can(partner, 'mapping:write', withCoverage({ [ORG_MUNICIPALITY]: [...SECTIONS] }))).toBe(false);
    expect(can(coach, 'economy:read', withCoverage({ [ORG_PASSUS]: [...SECTIONS] }))).toBe(false);
  });

  it('denies a section the role allows but the coverage does not name', () => {
    const resource = withCoverage({ [ORG_MUNICIPALITY]: ['plan'] });
    expect(can(partner, 'economy:read', resource)).toBe(false);
    expect(can(partner, 'identity:read', resource)).toBe(false);
  });

  it('never opens a section the role does not have, whatever the coverage names', () => {
    const resource = withCoverage({ [ORG_MUNICIPALITY]: [...SECTIONS] });
    expect(can(partner, 'threat:read', resource)).toBe(false);
    expect(can(partner, 'protection:read', resource)).toBe(false);
    expect(can(partner, 'plan:write', resource)).toBe(false);
  });

  it('denies the conditions to a partner whose coverage lacks the plan', () => {
    expect(can(partner, 'conditions:read', withCoverage({ [ORG_MUNICIPALITY]: ['economy'] }))).toBe(false);
  });

  it('lets a coach write coaching contacts only while support is covered', () => {
    expect(can(coach, 'support:write', withCoverage({ [ORG_PASSUS]: ['support'] }))).toBe(true);
    expect(can(coach, 'support:write', withCoverage({ [ORG_PASSUS]: ['plan'] }))).toBe(false);
  });

  it('denies everything, the case itself included, to an organisation listed as consented but absent from coverage', () => {
    const resource = caseFor({
      teamUserIds: [partner.userId],
      consentedOrganisationIds: [ORG_MUNICIPALITY],
      coverage: { [ORG_PASSUS]: ['plan'] },
    });
    expect(abilitiesFor(partner, resource)).toEqual([]);
  });

  it('denies an organisation covered with an empty list of sections', () => {
    expect(abilitiesFor(partner, withCoverage({ [ORG_MUNICIPALITY]: [] }))).toEqual([]);
  });

  it('does not read coverage through the prototype for an organisation id such as __proto__', () => {
    const odd = actorWith('partner_caseworker', { organisationId: '__proto__' });
    const resource = caseFor({ teamUserIds: [odd.userId], consentedOrganisationIds: ['__proto__'], coverage: {} });
    expect(can(odd, 'plan:read', resource)).toBe(false);
  });

  it('leaves coordinators and hotline officers untouched by coverage', () => {
    const coordinator = actorWith('coordinator', { organisationId: ORG_POLICE });
    const resource = caseFor({ teamUserIds: [coordinator.userId], consentedOrganisationIds: [], coverage: {} });
    expect(can(coordinator, 'economy:read', resource)).toBe(true);
  });

  it('never gives a partner more by coverage than without it (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Role>('partner_caseworker', 'coach'),
        fc.subarray([...SECTIONS]),
        (role, sections) => {
          const actor = actorWith(role);
          const covered = caseWithMember(actor, { coverage: { [actor.organisationId]: sections } });
          const plain = caseWithMember(actor);
          for (const action of abilitiesFor(actor, covered)) expect(can(actor, action, plain)).toBe(true);
          for (const section of SECTIONS) {
            if (can(actor, `${section}:read`, covered)) expect(sections).toContain(section);
          }
        },
      ),
    );
  });
});

describe('withdrawing consent, end to end through coveredOrganisations', () => {
  const partner = actorWith('partner_caseworker', { organisationId: ORG_MUNICIPALITY });
  const givenAt = new Date('2026-03-10T10:00:00Z');
  const withdrawnAt = new Date('2026-03-12T08:00:00Z');
  const consent: ConsentRecord = {
    id: 'consent-1',
    organisations: [
      { organisationId: ORG_MUNICIPALITY, purposes: 'Bostad och försörjning', sections: ['plan', 'economy'] },
      { organisationId: ORG_PASSUS, purposes: 'Coachning', sections: ['plan', 'support'] },
    ],
    givenAt,
    method: 'signed_paper',
  };
  const resourceAt = (consents: readonly ConsentRecord[], bases: readonly LegalBasisRecord[], at: Date) =>
    caseFor({ teamUserIds: [partner.userId], ...caseAccessFromCoverage(coveredOrganisations(consents, bases, at)) });

  it('gives the partner the consented sections while the consent is current', () => {
    const resource = resourceAt([consent], [], new Date('2026-03-11T00:00:00Z'));
    expect(can(partner, 'economy:read', resource)).toBe(true);
    expect(can(partner, 'support:read', resource)).toBe(false);
  });

  it('removes every section at the moment of withdrawal', () => {
    const withdrawn = { ...consent, withdrawnAt };
    expect(can(partner, 'plan:read', resourceAt([withdrawn], [], new Date(withdrawnAt.getTime() - 1)))).toBe(true);
    const after = resourceAt([withdrawn], [], withdrawnAt);
    expect(abilitiesFor(partner, after)).toEqual([]);
  });

  it('keeps what a current legal basis gives after consent is withdrawn, and nothing more', () => {
    const basis: LegalBasisRecord = {
      id: 'basis-1',
      organisationId: ORG_MUNICIPALITY,
      basis: 'osl_10_28',
      sections: ['followup'],
      validFrom: givenAt,
    };
    const resource = resourceAt([{ ...consent, withdrawnAt }], [basis], new Date('2026-03-13T00:00:00Z'));
    expect(can(partner, 'followup:read', resource)).toBe(true);
    expect(can(partner, 'economy:read', resource)).toBe(false);
  });
});

describe('the protected address', () => {
  // Written by hand: who may see the address on a case they are on the team of (with consent).
  const EXPECTED_ADDRESS: Record<string, boolean> = {
    coordinator: true,
    hotline_officer: false,
    partner_caseworker: false,
    coach: false,
    management: false,
    auditor: false,
    administrator: false,
  };

  it.each(ROLES)('shows it to a %s with a fresh second factor only if a coordinator', (role) => {
    const actor = actorWith(role, { freshSecondFactor: true });
    expect(can(actor, 'protection:read_address', caseWithMember(actor))).toBe(EXPECTED_ADDRESS[role]);
  });

  it('hides it from a coordinator on the team without a fresh second factor', () => {
    const stale = actorWith('coordinator', { freshSecondFactor: false });
    const unset = actorWith('coordinator');
    expect(can(stale, 'protection:read_address', caseWithMember(stale))).toBe(false);
    expect(can(unset, 'protection:read_address', caseWithMember(unset))).toBe(false);
    // The rest of the protection section stays readable without the step-up.
    expect(can(unset, 'protection:read', caseWithMember(unset))).toBe(true);
  });

  it('hides it from a coordinator who is not on the team', () => {
    const actor = actorWith('coordinator', { freshSecondFactor: true });
    expect(can(actor, 'protection:read_address', caseFor({ teamUserIds: ['someone-else'] }))).toBe(false);
  });

  it('hides it from a partner caseworker even with protection in their coverage and a fresh second factor', () => {
    const partner = actorWith('partner_caseworker', { freshSecondFactor: true });
    const resource = caseWithMember(partner, { coverage: { [partner.organisationId]: [...SECTIONS] } });
    expect(can(partner, 'protection:read_address', resource)).toBe(false);
  });
});

describe('the sealed identity link', () => {
  const named = actorWith('coordinator', { freshSecondFactor: true });

  it('shows it to a coordinator on the team who is named a sealed reader and has a fresh second factor', () => {
    expect(can(named, 'identity_link:read', caseWithMember(named, { sealedReaders: [named.userId] }))).toBe(true);
  });

  it('hides it from a coordinator on the team who is not named', () => {
    expect(can(named, 'identity_link:read', caseWithMember(named, { sealedReaders: ['another-coordinator'] }))).toBe(
      false,
    );
    expect(can(named, 'identity_link:read', caseWithMember(named))).toBe(false);
  });

  it('hides it from a named coordinator without a fresh second factor', () => {
    const stale = actorWith('coordinator');
    expect(can(stale, 'identity_link:read', caseWithMember(stale, { sealedReaders: [stale.userId] }))).toBe(false);
  });

  it.each(ROLES.filter((role) => role !== 'coordinator'))('hides it from a named %s', (role) => {
    const actor = actorWith(role, { freshSecondFactor: true });
    expect(can(actor, 'identity_link:read', caseWithMember(actor, { sealedReaders: [actor.userId] }))).toBe(false);
  });

  it('does not treat an empty user id as named in a list holding an empty id', () => {
    const actor = actorWith('coordinator', { userId: '', freshSecondFactor: true });
    expect(can(actor, 'identity_link:read', caseFor({ teamUserIds: [''], sealedReaders: [''] }))).toBe(false);
  });
});

describe('break-the-glass', () => {
  const coordinator = actorWith('coordinator', { breakGlassCaseIds: ['case-1'], freshSecondFactor: true });
  const outside = caseFor({ caseId: 'case-1', teamUserIds: ['someone-else'], sealedReaders: [coordinator.userId] });

  // Written by hand: what a coordinator reads under break-the-glass. Never a write, never the
  // protection section, the address or the identity link.
  // prettier-ignore
  const EXPECTED_READS: Record<Section, boolean> = {
    identity: true, protection: false, threat: true, plan: true, support: true, economy: true, followup: true,
  };

  it.each(SECTIONS)('reads %s only if it is not the protection section, and never writes it', (section) => {
    expect(can(coordinator, `${section}:read`, outside)).toBe(EXPECTED_READS[section]);
    expect(can(coordinator, `${section}:write`, outside)).toBe(false);
  });

  it('reads the consent, conditions and risk analysis, and writes none of them', () => {
    expect(abilitiesFor(coordinator, outside)).toEqual([
      'case:read',
      // Still outside the team, so they may break the glass again when the grant runs out.
      'case:break_glass',
      'identity:read',
      'threat:read',
      'plan:read',
      'support:read',
      'economy:read',
      'followup:read',
      'consent:read',
      'conditions:read',
      'risk:read',
      'mapping:read',
    ]);
  });

  it('never shows the protected address or the identity link, even to a named reader with a fresh second factor', () => {
    expect(can(coordinator, 'protection:read_address', outside)).toBe(false);
    expect(can(coordinator, 'identity_link:read', outside)).toBe(false);
  });
});

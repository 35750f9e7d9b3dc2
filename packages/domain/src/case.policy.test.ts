import { describe, expect, it } from 'vitest';
import type { Action } from './actions.ts';
import { authorize, can } from './authorize.ts';
import { AppError } from './errors.ts';
import {
  actorWith,
  caseFor,
  caseWithMember,
  OTHER_PROGRAMME_ID,
  ORG_MUNICIPALITY,
  ORG_PASSUS,
  ORG_POLICE,
} from './policy.fixtures.ts';
import { ROLES, type Role } from './roles.ts';
import { SECTIONS, type Section } from './sections.ts';

// The expected table, written out by hand from the brief. It is deliberately NOT derived from
// SECTION_MATRIX: a change to the matrix must be made here too, on purpose.
// 'rw' = read and write, 'r' = read only, 'w' = write only, '-' = nothing.
type Cell = 'rw' | 'r' | 'w' | '-';
// prettier-ignore
const EXPECTED: Record<string, Record<string, Cell>> = {
  //                  identity     protection       threat       plan       support      economy      followup
  coordinator:        { identity: 'rw', protection: 'rw', threat: 'rw', plan: 'rw', support: 'rw', economy: 'rw', followup: 'rw' },
  hotline_officer:    { identity: 'rw', protection: '-',  threat: 'rw', plan: '-',  support: '-',  economy: '-',  followup: '-'  },
  partner_caseworker: { identity: 'r',  protection: '-',  threat: '-',  plan: 'r',  support: 'r',  economy: 'r',  followup: 'r'  },
  coach:              { identity: '-',  protection: '-',  threat: '-',  plan: 'r',  support: 'rw', economy: '-',  followup: '-'  },
  management:         { identity: '-',  protection: '-',  threat: '-',  plan: '-',  support: '-',  economy: '-',  followup: '-'  },
  auditor:            { identity: '-',  protection: '-',  threat: '-',  plan: '-',  support: '-',  economy: '-',  followup: '-'  },
  administrator:      { identity: '-',  protection: '-',  threat: '-',  plan: '-',  support: '-',  economy: '-',  followup: '-'  },
};

function expectedAllows(role: Role, section: Section, verb: 'read' | 'write'): boolean {
  const cell = EXPECTED[role]?.[section];
  if (cell === undefined) throw new Error(`expected table has no cell for ${role} × ${section}`);
  return verb === 'read' ? cell.includes('r') : cell.includes('w');
}

const ROWS = ROLES.flatMap((role) =>
  SECTIONS.flatMap((section) =>
    (['read', 'write'] as const).map((verb) => ({ role, section, verb, allowed: expectedAllows(role, section, verb) })),
  ),
);

describe('the role × section × verb table, for a team member covered by consent', () => {
  it('covers exactly the known roles and sections', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(Object.keys(EXPECTED[role] ?? {}).sort()).toEqual([...SECTIONS].sort());
    expect(ROWS).toHaveLength(7 * 7 * 2);
  });

  it.each(ROWS)('$role $verb $section → allowed: $allowed', ({ role, section, verb, allowed }) => {
    const actor = actorWith(role);
    expect(can(actor, `${section}:${verb}`, caseWithMember(actor))).toBe(allowed);
  });
});

describe('case membership', () => {
  it.each(ROLES)('denies every section to a %s who is not on the case team', (role) => {
    const actor = actorWith(role);
    const resource = caseFor({ teamUserIds: ['someone-else'], consentedOrganisationIds: [actor.organisationId] });
    for (const section of SECTIONS) {
      expect(can(actor, `${section}:read`, resource)).toBe(false);
      expect(can(actor, `${section}:write`, resource)).toBe(false);
    }
    expect(can(actor, 'case:read', resource)).toBe(false);
    expect(can(actor, 'case:update', resource)).toBe(false);
  });

  it('lets a coordinator on the team read the protected address', () => {
    const actor = actorWith('coordinator');
    expect(can(actor, 'protection:read', caseWithMember(actor))).toBe(true);
  });

  it('does not treat an empty user id as membership of a team list holding an empty id', () => {
    const actor = actorWith('coordinator', { userId: '' });
    expect(can(actor, 'identity:read', caseFor({ teamUserIds: [''] }))).toBe(false);
  });
});

describe('programme boundary', () => {
  it.each(ROLES)('denies a %s any action on a case in another programme, even on its team', (role) => {
    const actor = actorWith(role);
    const resource = caseWithMember(actor, { programmeId: OTHER_PROGRAMME_ID });
    for (const section of SECTIONS) {
      expect(can(actor, `${section}:read`, resource)).toBe(false);
      expect(can(actor, `${section}:write`, resource)).toBe(false);
    }
    expect(can(actor, 'case:read', resource)).toBe(false);
    expect(can(actor, 'case:break_glass', resource)).toBe(false);
  });

  it('does not treat two empty programme ids as the same programme', () => {
    const actor = actorWith('coordinator', { programmeId: '' });
    expect(can(actor, 'identity:read', caseWithMember(actor, { programmeId: '' }))).toBe(false);
  });
});

describe('partner consent', () => {
  const partner = actorWith('partner_caseworker', { organisationId: ORG_MUNICIPALITY });

  it('denies the plan to a partner caseworker on the team without consent for their organisation', () => {
    const resource = caseFor({ teamUserIds: [partner.userId], consentedOrganisationIds: [] });
    expect(can(partner, 'plan:read', resource)).toBe(false);
    expect(can(partner, 'case:read', resource)).toBe(false);
  });

  it('allows the plan to a partner caseworker on the team with consent for their organisation', () => {
    const resource = caseFor({ teamUserIds: [partner.userId], consentedOrganisationIds: [ORG_MUNICIPALITY] });
    expect(can(partner, 'plan:read', resource)).toBe(true);
    expect(can(partner, 'case:read', resource)).toBe(true);
  });

  it('denies a partner caseworker at once when consent is withdrawn, though other organisations keep theirs', () => {
    const before = caseFor({ teamUserIds: [partner.userId], consentedOrganisationIds: [ORG_MUNICIPALITY, ORG_PASSUS] });
    const after = caseFor({ teamUserIds: [partner.userId], consentedOrganisationIds: [ORG_PASSUS] });
    expect(can(partner, 'economy:read', before)).toBe(true);
    expect(can(partner, 'economy:read', after)).toBe(false);
  });

  it('denies a partner caseworker with consent who is not on the team', () => {
    const resource = caseFor({ teamUserIds: ['someone-else'], consentedOrganisationIds: [ORG_MUNICIPALITY] });
    expect(can(partner, 'plan:read', resource)).toBe(false);
  });

  it('denies the protected address to a partner caseworker even with consent', () => {
    expect(can(partner, 'protection:read', caseWithMember(partner))).toBe(false);
  });

  it('denies the threat picture to a coach even with consent', () => {
    const coach = actorWith('coach', { organisationId: ORG_PASSUS });
    expect(can(coach, 'threat:read', caseWithMember(coach))).toBe(false);
    expect(can(coach, 'protection:read', caseWithMember(coach))).toBe(false);
  });

  it('denies a coach whose organisation has no consent, although another organisation has', () => {
    const coach = actorWith('coach', { organisationId: ORG_PASSUS });
    const resource = caseFor({ teamUserIds: [coach.userId], consentedOrganisationIds: [ORG_MUNICIPALITY] });
    expect(can(coach, 'support:write', resource)).toBe(false);
  });

  it('does not need consent for a coordinator or hotline officer on the team', () => {
    for (const role of ['coordinator', 'hotline_officer'] as const) {
      const actor = actorWith(role);
      expect(can(actor, 'identity:read', caseFor({ teamUserIds: [actor.userId] }))).toBe(true);
    }
  });
});

describe('separation of duties', () => {
  it.each(['management', 'auditor', 'administrator'] as const)(
    'denies a %s every section and the case itself, even on the team with consent',
    (role) => {
      const actor = actorWith(role);
      const resource = caseWithMember(actor);
      for (const section of SECTIONS) {
        expect(can(actor, `${section}:read`, resource)).toBe(false);
        expect(can(actor, `${section}:write`, resource)).toBe(false);
      }
      expect(can(actor, 'case:read', resource)).toBe(false);
      expect(can(actor, 'case:update', resource)).toBe(false);
      expect(can(actor, 'case:break_glass', resource)).toBe(false);
    },
  );

  it('does not let an administrator borrow team access from a second role it holds alongside', () => {
    // Access is evaluated per role; the administrator role itself never grants a section.
    const actor = actorWith('administrator', { roles: ['administrator', 'coach'] });
    const resource = caseWithMember(actor);
    expect(can(actor, 'protection:read', resource)).toBe(false);
    expect(can(actor, 'support:read', resource)).toBe(true);
  });
});

describe('break-the-glass', () => {
  const coordinator = actorWith('coordinator', { breakGlassCaseIds: ['case-1'] });
  const outside = caseFor({ caseId: 'case-1', teamUserIds: ['someone-else'] });

  it('lets a coordinator with a break-glass grant read a case outside their team, but not its protection section', () => {
    expect(can(coordinator, 'case:read', outside)).toBe(true);
    expect(can(coordinator, 'threat:read', outside)).toBe(true);
    expect(can(coordinator, 'protection:read', outside)).toBe(false);
  });

  it('never lets break-the-glass write', () => {
    expect(can(coordinator, 'protection:write', outside)).toBe(false);
    expect(can(coordinator, 'case:update', outside)).toBe(false);
  });

  it('grants nothing on other cases', () => {
    expect(can(coordinator, 'identity:read', caseFor({ caseId: 'case-2' }))).toBe(false);
  });

  it('gives a hotline officer with a break-glass id nothing', () => {
    const officer = actorWith('hotline_officer', { breakGlassCaseIds: ['case-1'] });
    expect(can(officer, 'identity:read', outside)).toBe(false);
  });

  it('lets only a coordinator outside the team ask to break the glass', () => {
    expect(can(actorWith('coordinator'), 'case:break_glass', outside)).toBe(true);
    const member = actorWith('coordinator');
    expect(can(member, 'case:break_glass', caseWithMember(member))).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'coordinator')) {
      expect(can(actorWith(role), 'case:break_glass', outside)).toBe(false);
    }
  });
});

describe('deny by default', () => {
  const coordinator = actorWith('coordinator');
  const resource = caseWithMember(coordinator);

  it.each(['case:delete', 'protection:export', 'admin:users:read', '', '__proto__', 'constructor', 'toString'])(
    'denies the unknown action %j',
    (action) => {
      expect(can(coordinator, action as Action, resource)).toBe(false);
    },
  );

  it('denies programme-level actions presented with a case', () => {
    expect(can(coordinator, 'case:create', resource)).toBe(false);
    expect(can(actorWith('administrator'), 'user:invite', caseWithMember(actorWith('administrator')))).toBe(false);
  });

  it('ignores role strings that are not known roles', () => {
    const actor = actorWith('coordinator', { roles: ['__proto__', 'constructor', 'superuser'] as unknown as Role[] });
    expect(can(actor, 'identity:read', caseWithMember(actor))).toBe(false);
  });

  it('denies an actor with no roles', () => {
    const actor = actorWith('coordinator', { roles: [] });
    expect(can(actor, 'identity:read', caseWithMember(actor))).toBe(false);
  });

  it('denies an unknown resource kind', () => {
    const weird = { kind: 'user', programmeId: coordinator.programmeId } as unknown as Parameters<typeof can>[2];
    expect(can(coordinator, 'user:list', weird)).toBe(false);
  });
});

describe('authorize', () => {
  it('throws the forbidden AppError when access is denied', () => {
    const actor = actorWith('coach', { organisationId: ORG_PASSUS });
    let thrown: unknown;
    try {
      authorize(actor, 'protection:read', caseWithMember(actor));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('forbidden');
    expect((thrown as AppError).status).toBe(403);
  });

  it('returns quietly when access is allowed', () => {
    const actor = actorWith('coordinator', { organisationId: ORG_POLICE });
    expect(() => authorize(actor, 'protection:read', caseWithMember(actor))).not.toThrow();
  });
});

describe('moving a case through its lifecycle', () => {
  // Written by hand: only a coordinator on the team may admit, decline, close or reopen.
  const EXPECTED_TRANSITION: Record<string, boolean> = {
    coordinator: true,
    hotline_officer: false,
    partner_caseworker: false,
    coach: false,
    management: false,
    auditor: false,
    administrator: false,
  };

  it.each(ROLES)('lets a %s on the team with consent transition the case only if a coordinator', (role) => {
    const actor = actorWith(role);
    expect(can(actor, 'case:transition', caseWithMember(actor))).toBe(EXPECTED_TRANSITION[role]);
  });

  it('denies a coordinator who is not on the team', () => {
    expect(can(actorWith('coordinator'), 'case:transition', caseFor({ teamUserIds: ['someone-else'] }))).toBe(false);
  });

  it.each(ROLES)('lets a %s on the team manage who works the case only if a coordinator', (role) => {
    const actor = actorWith(role);
    expect(can(actor, 'case:manage_team', caseWithMember(actor))).toBe(EXPECTED_TRANSITION[role]);
  });

  it('never lets a coordinator outside the team, or under break-the-glass, manage the team', () => {
    expect(can(actorWith('coordinator'), 'case:manage_team', caseFor({ teamUserIds: ['someone-else'] }))).toBe(false);
    const glass = actorWith('coordinator', { breakGlassCaseIds: ['case-1'] });
    expect(can(glass, 'case:manage_team', caseFor({ caseId: 'case-1', teamUserIds: ['someone-else'] }))).toBe(false);
  });

  it('never lets break-the-glass transition a case', () => {
    const coordinator = actorWith('coordinator', { breakGlassCaseIds: ['case-1'] });
    expect(can(coordinator, 'case:transition', caseFor({ caseId: 'case-1', teamUserIds: ['someone-else'] }))).toBe(
      false,
    );
  });

  it('denies a coordinator a case in another programme', () => {
    const actor = actorWith('coordinator');
    expect(can(actor, 'case:transition', caseWithMember(actor, { programmeId: OTHER_PROGRAMME_ID }))).toBe(false);
  });
});

describe('hotline actions presented with a case', () => {
  it.each(ROLES)('are never granted to a %s against a case', (role) => {
    const actor = actorWith(role);
    const resource = caseWithMember(actor);
    for (const action of [
      'call:create',
      'call:list',
      'call:read',
      'case:lookup_personnummer',
      'roster:read',
      'roster:manage',
      'place:read',
      'place:manage',
      'availability:manage',
      'meeting:book',
      'instrument:read',
      'instrument:import',
      'threat_actor:read',
      'threat_actor:write',
    ] as const) {
      expect(can(actor, action, resource)).toBe(false);
    }
  });
});

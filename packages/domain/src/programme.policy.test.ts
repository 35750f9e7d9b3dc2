import { describe, expect, it } from 'vitest';
import { actionsForResourceKind } from './actions.ts';
import { can } from './authorize.ts';
import { actorWith, caseWithMember, OTHER_PROGRAMME_ID, programme } from './policy.fixtures.ts';
import { ROLES } from './roles.ts';

// Written by hand from the brief, independently of ROLE_ACTIONS.
const HOTLINE_WORK = [
  'call:create',
  'call:list',
  'call:read',
  'case:lookup_personnummer',
  'roster:read',
  'place:read',
  'meeting:book',
  'instrument:read',
];
const EXPECTED: Record<string, readonly string[]> = {
  coordinator: [
    'case:list',
    'case:create',
    ...HOTLINE_WORK,
    'roster:manage',
    'place:manage',
    'threat_actor:read',
    'threat_actor:write',
    'organisation:read',
    'member:confirm',
  ],
  hotline_officer: ['case:list', 'case:create', ...HOTLINE_WORK],
  partner_caseworker: ['case:list'],
  coach: ['case:list'],
  management: ['report:read'],
  auditor: ['audit:search', 'audit:verify'],
  administrator: [
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
  ],
};

const PROGRAMME_ACTIONS = actionsForResourceKind('programme');

describe('the role × programme action table', () => {
  it('covers exactly the known roles', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
  });

  const rows = ROLES.flatMap((role) =>
    PROGRAMME_ACTIONS.map((action) => ({ role, action, allowed: (EXPECTED[role] ?? []).includes(action) })),
  );
  it.each(rows)('$role $action → allowed: $allowed', ({ role, action, allowed }) => {
    expect(can(actorWith(role), action, programme)).toBe(allowed);
  });
});

describe('programme actions', () => {
  const adminOnly = [
    'user:list',
    'user:invite',
    'user:update_roles',
    'user:deactivate',
    'user:reset_mfa',
    'organisation:manage',
    'programme:manage',
  ] as const;

  it.each(ROLES.filter((role) => role !== 'administrator'))(
    'denies user and configuration administration to a %s',
    (role) => {
      for (const action of adminOnly) expect(can(actorWith(role), action, programme)).toBe(false);
    },
  );

  it('denies the audit log to everyone but the auditor', () => {
    for (const role of ROLES.filter((r) => r !== 'auditor')) {
      expect(can(actorWith(role), 'audit:search', programme)).toBe(false);
      expect(can(actorWith(role), 'audit:verify', programme)).toBe(false);
    }
  });

  it.each(ROLES)('denies a %s every action in another programme', (role) => {
    for (const action of PROGRAMME_ACTIONS) {
      expect(can(actorWith(role), action, { kind: 'programme', programmeId: OTHER_PROGRAMME_ID })).toBe(false);
    }
  });

  it('never grants a case-level action against the programme (it would cover every case)', () => {
    for (const action of [
      'case:read',
      'case:update',
      'case:transition',
      'case:manage_team',
      'protection:read',
      'identity:write',
      'protection:read_address',
      'identity_link:read',
      'consent:read',
      'risk:write',
      'eligibility:decide',
    ] as const) {
      for (const role of ROLES) expect(can(actorWith(role), action, programme)).toBe(false);
    }
  });

  it('does not let an administrator reach a case through a programme action', () => {
    const admin = actorWith('administrator');
    expect(can(admin, 'programme:manage', caseWithMember(admin))).toBe(false);
  });
});

describe('the threat-actor registry', () => {
  it.each(ROLES.filter((role) => role !== 'coordinator'))('is closed to a %s', (role) => {
    expect(can(actorWith(role), 'threat_actor:read', programme)).toBe(false);
    expect(can(actorWith(role), 'threat_actor:write', programme)).toBe(false);
  });

  it('is open to a coordinator in the programme, and in no other', () => {
    expect(can(actorWith('coordinator'), 'threat_actor:write', programme)).toBe(true);
    const other = { kind: 'programme', programmeId: OTHER_PROGRAMME_ID } as const;
    expect(can(actorWith('coordinator'), 'threat_actor:read', other)).toBe(false);
  });
});

describe('hotline intake', () => {
  const noCaseWork = ['partner_caseworker', 'coach', 'management', 'auditor', 'administrator'] as const;
  const callActions = ['call:create', 'call:list', 'call:read'] as const;

  it.each(noCaseWork)('denies a %s every route to calls', (role) => {
    for (const action of callActions) expect(can(actorWith(role), action, programme)).toBe(false);
  });

  it.each(noCaseWork)('denies a %s the personnummer lookup, the roster and the meeting places', (role) => {
    for (const action of [
      'case:lookup_personnummer',
      'roster:read',
      'place:read',
      'place:manage',
      'meeting:book',
    ] as const) {
      expect(can(actorWith(role), action, programme)).toBe(false);
    }
  });

  it('lets only a coordinator manage the duty roster and the meeting places', () => {
    for (const role of ROLES) {
      expect(can(actorWith(role), 'roster:manage', programme)).toBe(role === 'coordinator');
      expect(can(actorWith(role), 'place:manage', programme)).toBe(role === 'coordinator');
    }
  });

  it('lets only an administrator import an instrument, which gives them no call or case', () => {
    for (const role of ROLES)
      expect(can(actorWith(role), 'instrument:import', programme)).toBe(role === 'administrator');
    const admin = actorWith('administrator');
    for (const action of [...callActions, 'case:list', 'case:lookup_personnummer'] as const) {
      expect(can(admin, action, programme)).toBe(false);
    }
  });

  it('does not let a partner who also holds a coach role reach calls', () => {
    const actor = actorWith('partner_caseworker', { roles: ['partner_caseworker', 'coach'] });
    for (const action of callActions) expect(can(actor, action, programme)).toBe(false);
  });

  it('denies a hotline officer calls in another programme', () => {
    const other = { kind: 'programme' as const, programmeId: OTHER_PROGRAMME_ID };
    for (const action of callActions) expect(can(actorWith('hotline_officer'), action, other)).toBe(false);
  });
});

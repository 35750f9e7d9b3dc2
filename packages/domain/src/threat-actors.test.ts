import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areRivals,
  createActorLinkBody,
  createRivalryBody,
  normaliseRivalry,
  placementConflicts,
  rivalsOf,
  type PlacementConflictInput,
} from './threat-actors.ts';

const G_NORTH = '11111111-1111-4111-8111-111111111111';
const G_SOUTH = '22222222-2222-4222-8222-222222222222';
const G_EAST = '33333333-3333-4333-8333-333333333333';
const G_WEST = '44444444-4444-4444-8444-444444444444';

describe('rivalries', () => {
  it('are stored once, smaller id first, and a group cannot be its own rival', () => {
    expect(createRivalryBody.parse({ groupA: G_SOUTH, groupB: G_NORTH })).toEqual({ groupA: G_NORTH, groupB: G_SOUTH });
    const result = createRivalryBody.safeParse({ groupA: G_NORTH, groupB: G_NORTH });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['rivalry_with_itself']);
  });

  it('are symmetric, however recorded (property)', () => {
    const id = fc.constantFrom(G_NORTH, G_SOUTH, G_EAST, G_WEST);
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id), { maxLength: 6 }), id, id, (pairs, a, b) => {
        const raw = pairs.map(([x, y]) => ({ groupA: x, groupB: y }));
        const normalised = pairs.map(([x, y]) => normaliseRivalry(x, y));
        expect(areRivals(raw, a, b)).toBe(areRivals(raw, b, a));
        expect(areRivals(normalised, a, b)).toBe(areRivals(raw, a, b));
        expect(rivalsOf(raw, a).includes(b)).toBe(areRivals(raw, a, b));
        expect(areRivals(raw, a, a)).toBe(false);
      }),
    );
  });
});

describe('createActorLinkBody', () => {
  it('links a case to exactly one group or one person', () => {
    expect(createActorLinkBody.safeParse({ kind: 'left', groupId: G_NORTH }).success).toBe(true);
    for (const body of [{ kind: 'left' }, { kind: 'left', groupId: G_NORTH, threatPersonId: G_SOUTH }]) {
      expect(createActorLinkBody.safeParse(body).error?.issues.map((i) => i.message)).toEqual(['link_target_required']);
    }
    expect(createActorLinkBody.safeParse({ kind: 'friend_of', groupId: G_NORTH }).success).toBe(false);
  });
});

describe('placementConflicts', () => {
  // The person left North; North and South are rivals; East threatens the person; West is unrelated.
  const base: PlacementConflictInput = {
    municipality: 'Exempelstad',
    caseLinks: [
      { kind: 'left', groupId: G_NORTH },
      { kind: 'threatened_by', groupId: G_EAST },
      { kind: 'threatened_by', threatPersonId: 'person-1' },
    ],
    rivalries: [normaliseRivalry(G_SOUTH, G_NORTH)],
    groupPresence: [],
    otherClients: [],
  };
  const kinds = (input: PlacementConflictInput) => placementConflicts(input).map((w) => `${w.kind} ${w.groupId}`);

  it('warns of nothing in a municipality where no conflicting group or client is known', () => {
    expect(placementConflicts({ ...base, groupPresence: [{ groupId: G_WEST, municipality: 'Exempelstad' }] })).toEqual(
      [],
    );
  });

  it('warns when a rival of the person’s group, the group they left, or a threatening group is present', () => {
    const groupPresence = [G_SOUTH, G_NORTH, G_EAST, G_WEST].map((groupId) => ({
      groupId,
      municipality: 'exempelstad ',
    }));
    expect(kinds({ ...base, groupPresence })).toEqual(
      [G_NORTH, G_SOUTH, G_EAST].sort().map((g) => `rival_group_present ${g}`),
    );
  });

  it('ignores groups present in other municipalities', () => {
    expect(kinds({ ...base, groupPresence: [{ groupId: G_SOUTH, municipality: 'Annanstad' }] })).toEqual([]);
  });

  it('warns when another client from a conflicting group is placed there, once per client', () => {
    const otherClients = [
      { caseId: 'case-b', municipality: 'Exempelstad', groupIds: [G_SOUTH, G_EAST] },
      { caseId: 'case-a', municipality: 'Exempelstad', groupIds: [G_WEST] },
      { caseId: 'case-c', municipality: 'Annanstad', groupIds: [G_SOUTH] },
    ];
    const warnings = placementConflicts({ ...base, otherClients });
    expect(warnings.map((w) => (w.kind === 'conflicting_client_present' ? w.caseId : w.kind))).toEqual(['case-b']);
    expect(warnings[0]?.message.sv).toContain('annan klient');
    expect(warnings[0]?.message.en).toContain('Another client');
  });

  it('does not count the rivals of a group that only threatens the person', () => {
    const input = {
      ...base,
      rivalries: [normaliseRivalry(G_EAST, G_WEST)],
      groupPresence: [{ groupId: G_WEST, municipality: 'Exempelstad' }],
    };
    expect(kinds(input)).toEqual([]);
  });

  it('warns the same whichever way a rivalry was recorded (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), (reversed) => {
        const rivalry = reversed ? { groupA: G_SOUTH, groupB: G_NORTH } : { groupA: G_NORTH, groupB: G_SOUTH };
        const input = {
          ...base,
          caseLinks: [{ kind: 'member_of' as const, groupId: G_SOUTH }],
          rivalries: [rivalry],
          groupPresence: [{ groupId: G_NORTH, municipality: 'Exempelstad' }],
        };
        expect(kinds(input)).toEqual([`rival_group_present ${G_NORTH}`]);
      }),
    );
  });
});

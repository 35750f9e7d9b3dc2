import { describe, expect, it } from 'vitest';
import {
  createPlacementBody,
  DECIDING_AUTHORITY,
  placementCostOre,
  protectedDataApplicationBody,
  protectiveMeasureBody,
} from './protection.ts';

const ADDRESS = 'Skyddsgatan 7, 123 45 Exempelstad';
const placement = {
  providerKind: 'municipal',
  providerName: 'Kommunens skyddade boende',
  municipality: 'Exempelstad',
  address: ADDRESS,
  startsOn: '2026-03-10',
  costPerDayOre: 145_000,
};

function codes(
  schema: {
    safeParse: (x: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
) {
  const result = schema.safeParse(input);
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')} ${i.message}`);
}

describe('createPlacementBody', () => {
  it('accepts a municipal placement starting today, planned by default', () => {
    expect(createPlacementBody.parse(placement)).toMatchObject({ ...placement, status: 'planned' });
  });

  it('requires the IVO permit number of a private provider, and takes none from a municipal one', () => {
    expect(codes(createPlacementBody, { ...placement, providerKind: 'private' })).toEqual([
      'ivoPermitNumber ivo_permit_required',
    ]);
    expect(
      codes(createPlacementBody, { ...placement, providerKind: 'private', ivoPermitNumber: 'IVO 3.5.1-1234/2025' }),
    ).toEqual([]);
    expect(codes(createPlacementBody, { ...placement, ivoPermitNumber: 'IVO 1' })).toEqual([
      'ivoPermitNumber ivo_permit_not_allowed',
    ]);
  });

  it('rejects a placement ending before it starts, and accepts one ending the same day', () => {
    expect(codes(createPlacementBody, { ...placement, endsOn: '2026-03-09' })).toEqual([
      'endsOn placement_ends_before_start',
    ]);
    expect(codes(createPlacementBody, { ...placement, endsOn: '2026-03-10' })).toEqual([]);
  });

  it('takes the cost in whole öre, zero included, never negative or fractional', () => {
    expect(codes(createPlacementBody, { ...placement, costPerDayOre: 0 })).toEqual([]);
    expect(codes(createPlacementBody, { ...placement, costPerDayOre: -1 })).toEqual(['costPerDayOre cost_negative']);
    expect(createPlacementBody.safeParse({ ...placement, costPerDayOre: 1450.5 }).success).toBe(false);
  });

  it('requires an address, and never echoes it in an error', () => {
    expect(createPlacementBody.safeParse({ ...placement, address: '  ' }).success).toBe(false);
    const result = createPlacementBody.safeParse({ ...placement, endsOn: '2026-01-01', providerKind: 'private' });
    expect(JSON.stringify(result.error?.issues.map((i) => [i.path, i.message]))).not.toContain('Skyddsgatan');
  });

  it('costs both days counted, and nothing known while open-ended', () => {
    expect(placementCostOre({ startsOn: '2026-03-10', endsOn: '2026-03-12', costPerDayOre: 100 })).toBe(300);
    expect(placementCostOre({ startsOn: '2026-03-10', costPerDayOre: 100 })).toBeNull();
  });
});

describe('protectedDataApplicationBody', () => {
  it('knows which authority decides each level', () => {
    expect(DECIDING_AUTHORITY).toEqual({
      confidentiality_marking: 'skatteverket',
      protected_registration: 'skatteverket',
      fictitious_identity: 'polismyndigheten',
    });
  });

  it('fills in the deciding authority and rejects a wrong one', () => {
    const applied = { kind: 'fictitious_identity', status: 'applied', appliedOn: '2026-03-10' };
    expect(protectedDataApplicationBody.parse(applied).authority).toBe('polismyndigheten');
    expect(codes(protectedDataApplicationBody, { ...applied, authority: 'skatteverket' })).toEqual([
      'authority wrong_deciding_authority',
    ]);
    expect(
      codes(protectedDataApplicationBody, { ...applied, kind: 'protected_registration', authority: 'skatteverket' }),
    ).toEqual([]);
  });

  it('has a decision date when, and only when, decided, and not before the application', () => {
    const base = { kind: 'protected_registration', appliedOn: '2026-03-10' };
    expect(codes(protectedDataApplicationBody, { ...base, status: 'granted' })).toEqual([
      'decidedOn decided_on_required',
    ]);
    expect(codes(protectedDataApplicationBody, { ...base, status: 'refused', decidedOn: '2026-03-20' })).toEqual([]);
    expect(codes(protectedDataApplicationBody, { ...base, status: 'applied', decidedOn: '2026-03-20' })).toEqual([
      'decidedOn decided_on_not_allowed',
    ]);
    expect(codes(protectedDataApplicationBody, { ...base, status: 'granted', decidedOn: '2026-03-01' })).toEqual([
      'decidedOn decided_before_applied',
    ]);
  });
});

describe('protectiveMeasureBody', () => {
  it('accepts a contact ban with dates, and rejects one ending before it starts', () => {
    const ban = { kind: 'contact_ban', status: 'active', startsOn: '2026-03-10', endsOn: '2026-09-10' };
    expect(codes(protectiveMeasureBody, ban)).toEqual([]);
    expect(codes(protectiveMeasureBody, { ...ban, endsOn: '2026-03-01' })).toEqual([
      'endsOn measure_ends_before_start',
    ]);
  });

  it('needs a description for another kind of measure', () => {
    expect(codes(protectiveMeasureBody, { kind: 'other', status: 'requested' })).toEqual([
      'note measure_description_required',
    ]);
    expect(codes(protectiveMeasureBody, { kind: 'other', status: 'requested', note: 'Byte av skola' })).toEqual([]);
  });
});

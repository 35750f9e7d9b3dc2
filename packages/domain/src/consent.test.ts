import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkConsentWithdrawal,
  coveredOrganisations,
  createLegalBasisBody,
  isConsentCurrent,
  LEGAL_BASES,
  LEGAL_BASIS_EXPLANATIONS,
  LEGAL_PROVISIONS,
  makeCreateConsentBody,
  makeWithdrawConsentBody,
  type ConsentRecord,
  type LegalBasisRecord,
} from './consent.ts';
import { SECTIONS } from './sections.ts';

const NOW = new Date('2026-03-10T14:00:00Z');
const ORG_A = '7d0f2f3e-8a51-4c1a-9d7e-2b1f0c3a4d5e';
const ORG_B = '0b6c8a2e-1f3d-4e5a-8b7c-9d0e1f2a3b4c';
const schema = makeCreateConsentBody(NOW);

const body = {
  organisations: [{ organisationId: ORG_A, purposes: 'Bostad och försörjning', sections: ['plan', 'economy'] }],
  givenAt: '2026-03-10T13:00:00Z',
  method: 'signed_paper',
};

function rejections(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')} ${i.message}`);
}

describe('the legal bases', () => {
  it('is a short closed list, consent first and a written-out other provision last', () => {
    expect(LEGAL_BASES).toEqual(['consent', 'osl_10_2', 'osl_10_27', 'osl_10_28', 'other_provision']);
    expect(LEGAL_PROVISIONS).toEqual(LEGAL_BASES.filter((basis) => basis !== 'consent'));
  });

  it('explains every basis in Swedish and English', () => {
    for (const basis of LEGAL_BASES) {
      const { name, guidance } = LEGAL_BASIS_EXPLANATIONS[basis];
      for (const text of [name, guidance]) {
        expect(text.sv.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
        expect(text.sv).not.toBe(text.en);
      }
    }
  });
});

describe('makeCreateConsentBody', () => {
  it('accepts a signed consent for one organisation', () => {
    expect(schema.parse(body)).toEqual({ ...body, witnessName: undefined });
  });

  it('accepts an oral consent with a witness, and rejects one without', () => {
    expect(schema.safeParse({ ...body, method: 'oral_with_witness', witnessName: 'Anna Berg' }).success).toBe(true);
    expect(rejections(schema.safeParse({ ...body, method: 'oral_with_witness' }))).toEqual([
      'witnessName witness_required',
    ]);
    expect(rejections(schema.safeParse({ ...body, method: 'oral_with_witness', witnessName: '  ' }))).toEqual([
      'witnessName witness_required',
    ]);
  });

  it('rejects consent given more than five minutes in the future', () => {
    expect(schema.safeParse({ ...body, givenAt: '2026-03-10T14:05:00Z' }).success).toBe(true);
    expect(rejections(schema.safeParse({ ...body, givenAt: '2026-03-10T14:06:00Z' }))).toEqual([
      'givenAt given_in_future',
    ]);
  });

  it('rejects an empty list of organisations, an id that is not a uuid, and an organisation listed twice', () => {
    expect(schema.safeParse({ ...body, organisations: [] }).success).toBe(false);
    expect(
      schema.safeParse({ ...body, organisations: [{ ...body.organisations[0], organisationId: 'x' }] }).success,
    ).toBe(false);
    const twice = { ...body, organisations: [body.organisations[0], { ...body.organisations[0], sections: ['plan'] }] };
    expect(rejections(schema.safeParse(twice))).toEqual(['organisations.1.organisationId duplicate_organisation']);
  });

  it('rejects an unknown section, no sections, a section twice, and empty purposes', () => {
    const org = body.organisations[0];
    const withOrg = (o: object) => ({ ...body, organisations: [{ ...org, ...o }] });
    expect(schema.safeParse(withOrg({ sections: ['address'] })).success).toBe(false);
    expect(schema.safeParse(withOrg({ sections: [] })).success).toBe(false);
    expect(rejections(schema.safeParse(withOrg({ sections: ['plan', 'plan'] })))).toEqual([
      'organisations.0.sections.1 duplicate_section',
    ]);
    expect(schema.safeParse(withOrg({ purposes: '   ' })).success).toBe(false);
  });

  it('accepts three organisations, as in the first meeting of the issue', () => {
    const three = [ORG_A, ORG_B, '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170'].map((organisationId) => ({
      organisationId,
      purposes: 'Samordning',
      sections: ['plan'],
    }));
    expect(schema.safeParse({ ...body, organisations: three }).success).toBe(true);
  });
});

describe('withdrawing consent', () => {
  it('defaults to now and rejects a withdrawal in the future', () => {
    const withdraw = makeWithdrawConsentBody(NOW);
    expect(withdraw.parse({}).withdrawnAt).toBe(NOW.toISOString());
    expect(rejections(withdraw.safeParse({ withdrawnAt: '2026-03-11T00:00:00Z' }))).toEqual([
      'withdrawnAt withdrawn_in_future',
    ]);
  });

  it('rejects withdrawing twice, or before the consent was given', () => {
    const givenAt = new Date('2026-03-10T10:00:00Z');
    expect(checkConsentWithdrawal({ givenAt }, NOW)).toEqual([]);
    expect(checkConsentWithdrawal({ givenAt, withdrawnAt: NOW }, NOW)).toEqual([
      { path: 'withdrawnAt', code: 'already_withdrawn' },
    ]);
    expect(checkConsentWithdrawal({ givenAt }, new Date('2026-03-09T00:00:00Z'))).toEqual([
      { path: 'withdrawnAt', code: 'withdrawn_before_given' },
    ]);
  });
});

describe('createLegalBasisBody', () => {
  const basis = {
    organisationId: ORG_A,
    basis: 'osl_10_28',
    purposes: 'Uppgiftsskyldighet',
    sections: ['followup'],
    validFrom: '2026-03-10T00:00:00Z',
  };

  it('accepts a named provision without a text, and requires the text for another provision', () => {
    expect(createLegalBasisBody.safeParse(basis).success).toBe(true);
    expect(rejections(createLegalBasisBody.safeParse({ ...basis, basis: 'other_provision' }))).toEqual([
      'provisionText provision_text_required',
    ]);
    expect(
      createLegalBasisBody.safeParse({ ...basis, basis: 'other_provision', provisionText: 'LVU 2 §' }).success,
    ).toBe(true);
    expect(rejections(createLegalBasisBody.safeParse({ ...basis, provisionText: 'LVU 2 §' }))).toEqual([
      'provisionText provision_text_not_allowed',
    ]);
  });

  it('rejects consent as a legal-basis record: consent has its own register', () => {
    expect(createLegalBasisBody.safeParse({ ...basis, basis: 'consent' }).success).toBe(false);
  });

  it('rejects an end at or before the start', () => {
    expect(rejections(createLegalBasisBody.safeParse({ ...basis, validTo: basis.validFrom }))).toEqual([
      'validTo valid_to_before_valid_from',
    ]);
  });
});

describe('coveredOrganisations', () => {
  const t = (iso: string) => new Date(iso);
  const consent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
    id: 'c1',
    organisations: [
      { organisationId: ORG_A, purposes: 'p', sections: ['economy', 'plan'] },
      { organisationId: ORG_B, purposes: 'p', sections: ['support'] },
    ],
    givenAt: t('2026-03-10T10:00:00Z'),
    method: 'signed_paper',
    ...overrides,
  });
  const legal = (overrides: Partial<LegalBasisRecord> = {}): LegalBasisRecord => ({
    id: 'l1',
    organisationId: ORG_A,
    basis: 'osl_10_2',
    sections: ['followup'],
    validFrom: t('2026-03-01T00:00:00Z'),
    validTo: t('2026-04-01T00:00:00Z'),
    ...overrides,
  });

  // Written by hand: instant → coverage, for one consent (withdrawn 12 March) and one legal basis
  // (March only).
  // prettier-ignore
  const TABLE: [string, Record<string, string[]>][] = [
    ['2026-02-28T23:59:59Z', {}],
    ['2026-03-01T00:00:00Z', { [ORG_A]: ['followup'] }],
    ['2026-03-10T09:59:59Z', { [ORG_A]: ['followup'] }],
    ['2026-03-10T10:00:00Z', { [ORG_A]: ['plan', 'economy', 'followup'], [ORG_B]: ['support'] }],
    ['2026-03-11T23:59:59Z', { [ORG_A]: ['plan', 'economy', 'followup'], [ORG_B]: ['support'] }],
    ['2026-03-12T00:00:00Z', { [ORG_A]: ['followup'] }],
    ['2026-04-01T00:00:00Z', {}],
  ];

  it.each(TABLE)('at %s covers %j', (at, expected) => {
    const withdrawn = consent({ withdrawnAt: t('2026-03-12T00:00:00Z') });
    expect(coveredOrganisations([withdrawn], [legal()], t(at))).toEqual(expected);
  });

  it('unites sections from several consents, in section order', () => {
    const second = consent({
      id: 'c2',
      organisations: [{ organisationId: ORG_A, purposes: 'p', sections: ['identity'] }],
    });
    expect(coveredOrganisations([consent(), second], [], NOW)[ORG_A]).toEqual(['identity', 'plan', 'economy']);
  });

  it('treats a legal basis without an end as open-ended, and null withdrawal as current', () => {
    expect(
      coveredOrganisations([consent({ withdrawnAt: null })], [legal({ validTo: null })], t('2030-01-01T00:00:00Z')),
    ).toEqual({ [ORG_A]: ['plan', 'economy', 'followup'], [ORG_B]: ['support'] });
  });

  it('grants nothing for unknown section names or an empty organisation id', () => {
    const odd = consent({
      organisations: [
        { organisationId: ORG_A, purposes: 'p', sections: ['address' as never] },
        { organisationId: '', purposes: 'p', sections: ['plan'] },
      ],
    });
    expect(coveredOrganisations([odd], [], NOW)).toEqual({});
  });

  it('keeps an organisation id such as __proto__ as an own key', () => {
    const odd = consent({ organisations: [{ organisationId: '__proto__', purposes: 'p', sections: ['plan'] }] });
    const coverage = coveredOrganisations([odd], [], NOW);
    expect(Object.hasOwn(coverage, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(coverage)).toBe(Object.prototype);
  });

  it('never covers anything at or after a withdrawal, whatever the times (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (given, later) => {
        const givenAt = new Date(given * 60_000);
        const withdrawnAt = new Date((given + later) * 60_000);
        const record = consent({ givenAt, withdrawnAt });
        expect(isConsentCurrent(record, withdrawnAt)).toBe(false);
        expect(coveredOrganisations([record], [], new Date(withdrawnAt.getTime() + later))).toEqual({});
      }),
    );
  });

  it('lists only known sections, each once (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.subarray([...SECTIONS]), { maxLength: 5 }), (lists) => {
        const records = lists.map((sections, i) =>
          consent({ id: `c${i}`, organisations: [{ organisationId: ORG_A, purposes: 'p', sections }] }),
        );
        const sections = coveredOrganisations(records, [], NOW)[ORG_A] ?? [];
        expect(new Set(sections).size).toBe(sections.length);
        expect(sections).toEqual(SECTIONS.filter((s) => lists.some((list) => list.includes(s))));
      }),
    );
  });
});

import { MAPPING_V1 } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { marker, newCase, staff, type Signed } from './factories.ts';
import { createTestEnv, type TestEnv } from './harness.ts';

// The mapping (kartläggning) of a case: who may read and write it, for every role, which areas
// each reader sees (debts and income are `economy`), bad input, encryption and the audit log.

const AREA_IDS = MAPPING_V1.areas.map((a) => a.id);
const ECONOMY_AREAS = ['income_economy', 'debts'];
const PLAN_AREAS = AREA_IDS.filter((id) => !ECONOMY_AREAS.includes(id));

type Who =
  | 'coordinator'
  | 'partner_plan'
  | 'partner_plan_economy'
  | 'coach_everything_consented'
  | 'hotline_on_team'
  | 'partner_on_team_no_consent'
  | 'coordinator_off_team'
  | 'coordinator_other_programme'
  | 'management'
  | 'auditor'
  | 'administrator'
  | 'anonymous';

describe('the mapping of life areas: who sees which areas, and nothing leaks', () => {
  let t: TestEnv;
  let coordinator: Signed;
  let caseId: string;
  const callers = new Map<Who, string | null>();
  const debtText = marker('Skuld till Kronofogden 48 000 kr');
  const incomeText = marker('Försörjningsstöd');
  const housingText = marker('Bor hos sin syster');
  const goalText = marker('Eget kontrakt till sommaren');
  let firstId: string;

  const http = () => api(t);
  const count = async (table: string) =>
    Number((await http().sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

  /** A mapping body with every area of the built-in definition. */
  const fullMapping = (
    overrides: Record<string, Record<string, unknown>> = {},
    extra: Record<string, unknown> = {},
  ) => ({
    definitionId: MAPPING_V1.id,
    definitionVersion: MAPPING_V1.version,
    areas: AREA_IDS.map((areaId) => ({ areaId, need: 'not_yet_known', ...(overrides[areaId] ?? {}) })),
    ...extra,
  });

  async function consent(organisationId: string, sections: string[]) {
    const r = await http().post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, {
      organisations: [{ organisationId, purposes: 'Samordning', sections }],
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      method: 'oral_with_witness',
      witnessName: 'Vittne',
    });
    expect(r.statusCode, r.body).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await staff(t, ['coordinator'], undefined);
    const p = coordinator.programmeId;
    const [partnerPlan, partnerBoth, coach, officer, partnerNone, offTeam, other, management, auditor, admin] =
      await Promise.all([
        staff(t, ['partner_caseworker'], p),
        staff(t, ['partner_caseworker'], p),
        staff(t, ['coach'], p),
        staff(t, ['hotline_officer'], p),
        staff(t, ['partner_caseworker'], p),
        staff(t, ['coordinator'], p),
        staff(t, ['coordinator'], undefined),
        staff(t, ['management'], p),
        staff(t, ['auditor'], p),
        staff(t, ['administrator'], p),
      ]);
    caseId = await newCase(t, p, [
      coordinator.id,
      partnerPlan!.id,
      partnerBoth!.id,
      coach!.id,
      officer!.id,
      partnerNone!.id,
    ]);
    await consent(partnerPlan!.organisationId, ['plan']);
    await consent(partnerBoth!.organisationId, ['plan', 'economy']);
    await consent(coach!.organisationId, ['plan', 'support', 'economy']);
    const entries: [Who, string | null][] = [
      ['coordinator', coordinator.cookie],
      ['partner_plan', partnerPlan!.cookie],
      ['partner_plan_economy', partnerBoth!.cookie],
      ['coach_everything_consented', coach!.cookie],
      ['hotline_on_team', officer!.cookie],
      ['partner_on_team_no_consent', partnerNone!.cookie],
      ['coordinator_off_team', offTeam!.cookie],
      ['coordinator_other_programme', other!.cookie],
      ['management', management!.cookie],
      ['auditor', auditor!.cookie],
      ['administrator', admin!.cookie],
      ['anonymous', null],
    ];
    for (const [who, cookie] of entries) callers.set(who, cookie);
  });
  afterAll(async () => t.close());

  it('saves a mapping of every area, keeping "not yet known" as its own rating', async () => {
    const r = await http().post(
      coordinator.cookie,
      `/api/v1/cases/${caseId}/mappings`,
      fullMapping({
        housing: { need: 'great', ownWords: housingText, ownGoal: goalText, staffWords: 'Trångbott' },
        debts: { need: 'great', staffWords: debtText, obstacles: 'Inkassokrav' },
        income_economy: { need: 'some', ownWords: incomeText },
        education: { need: 'none', opportunities: 'Gymnasiet klart' },
      }),
    );
    expect(r.statusCode, r.body).toBe(200);
    firstId = r.json().mapping.id;
    const section = await http().get(coordinator.cookie, `/api/v1/cases/${caseId}/mappings`);
    expect(section.statusCode, section.body).toBe(200);
    const [mapping] = section.json().mappings;
    expect(mapping.areas.map((a: { areaId: string }) => a.areaId)).toEqual(AREA_IDS);
    const byId = Object.fromEntries(mapping.areas.map((a: { areaId: string }) => [a.areaId, a]));
    expect(byId.housing).toMatchObject({ need: 'great', ownWords: housingText, ownGoal: goalText, section: 'plan' });
    expect(byId.debts).toMatchObject({ need: 'great', staffWords: debtText, section: 'economy' });
    expect(byId.substance_use).toMatchObject({ need: 'not_yet_known', ownWords: null });
    expect(byId.education.need).toBe('none');
    expect(mapping.changes).toBeNull();
  });

  it('keeps every text and need out of the database in clear, and out of the audit log', async () => {
    const rows = await http().sql<{ content_enc: Buffer }>('select content_enc from mapping_areas');
    expect(rows.length).toBe(AREA_IDS.length);
    for (const row of rows) {
      const raw = row.content_enc.toString('latin1');
      for (const secret of [debtText, incomeText, housingText, goalText, 'Inkassokrav', 'not_yet_known', 'great']) {
        expect(raw).not.toContain(secret);
      }
    }
    const dump = JSON.stringify(await http().sql('select * from mappings, mapping_areas'));
    const log = JSON.stringify(await http().sql('select * from audit_log'));
    for (const secret of [debtText, incomeText, housingText, goalText]) {
      expect(dump).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  });

  // Who reads: the status, and the areas they get. Economy areas only with the economy section.
  const READS: Record<Who, { status: number; areas?: string[] }> = {
    coordinator: { status: 200, areas: AREA_IDS },
    partner_plan: { status: 200, areas: PLAN_AREAS },
    partner_plan_economy: { status: 200, areas: AREA_IDS },
    // A coach never has the economy section, whatever the consent names.
    coach_everything_consented: { status: 200, areas: PLAN_AREAS },
    // The hotline reaches the case but not its plan.
    hotline_on_team: { status: 403 },
    partner_on_team_no_consent: { status: 404 },
    coordinator_off_team: { status: 404 },
    coordinator_other_programme: { status: 404 },
    management: { status: 404 },
    auditor: { status: 404 },
    administrator: { status: 404 },
    anonymous: { status: 401 },
  };

  it.each(Object.entries(READS))('reads the mapping as %s: %o', async (who, expected) => {
    const r = await http().get(callers.get(who as Who), `/api/v1/cases/${caseId}/mappings`);
    expect(r.statusCode, r.body).toBe(expected.status);
    if (expected.status !== 200) {
      for (const secret of [debtText, housingText]) expect(r.body).not.toContain(secret);
      return;
    }
    const body = r.json();
    expect(body.mappings[0].areas.map((a: { areaId: string }) => a.areaId)).toEqual(expected.areas);
    expect(body.definition.areas.map((a: { id: string }) => a.id)).toEqual(expected.areas);
    if (!expected.areas!.includes('debts')) {
      // SECURITY: not the content, nor that anything is there.
      for (const secret of [debtText, incomeText, 'Inkassokrav', 'debts', 'income_economy']) {
        expect(r.body).not.toContain(secret);
      }
    }
  });

  it('logs each read with what was shown, never the content, and logs the refusals', async () => {
    const reads = await http().sql<{ actor_user_id: string; outcome: string; details: Record<string, unknown> }>(
      "select actor_user_id, outcome, details from audit_log where action = 'mapping:read' and record_id = $1",
      [caseId],
    );
    const ok = reads.filter((r) => r.outcome === 'success');
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(ok.some((r) => r.details.sections === 'plan' && r.details.areas === PLAN_AREAS.length)).toBe(true);
    expect(reads.some((r) => r.outcome === 'denied')).toBe(true);
    const writes = await http().sql(
      "select 1 from audit_log where action = 'mapping:write' and outcome = 'success' and record_id = $1",
      [caseId],
    );
    expect(writes.length).toBe(1);
  });

  const WRITE_REFUSED: Partial<Record<Who, number>> = {
    partner_plan: 403,
    partner_plan_economy: 403,
    coach_everything_consented: 403,
    hotline_on_team: 403,
    partner_on_team_no_consent: 404,
    coordinator_off_team: 404,
    coordinator_other_programme: 404,
    management: 404,
    auditor: 404,
    administrator: 404,
    anonymous: 401,
  };

  it.each(Object.entries(WRITE_REFUSED))('refuses %s a new mapping (%i) and writes nothing', async (who, status) => {
    const before = await count('mappings');
    const r = await http().post(callers.get(who as Who), `/api/v1/cases/${caseId}/mappings`, fullMapping());
    expect(r.statusCode, r.body).toBe(status);
    // A refused writer learns nothing from the body, not even which field is wrong.
    const bad = await http().post(callers.get(who as Who), `/api/v1/cases/${caseId}/mappings`, { areas: 'x' });
    expect(bad.statusCode).toBe(status);
    expect(await count('mappings')).toBe(before);
  });

  const BAD_BODIES: [string, () => unknown, string][] = [
    [
      'an unknown area',
      () => fullMapping({}, { areas: [{ areaId: 'horoscope', need: 'some' }] }),
      'validation.unknown_mapping_area',
    ],
    [
      'an area twice',
      () =>
        fullMapping(
          {},
          {
            areas: [
              { areaId: 'housing', need: 'some' },
              { areaId: 'housing', need: 'none' },
            ],
          },
        ),
      'validation.duplicate_mapping_area',
    ],
    ['a need outside the scale', () => fullMapping({ housing: { need: 'unknown' } }), 'validation.invalid_value'],
    ['a need of "0"', () => fullMapping({ housing: { need: 0 } }), 'validation.invalid_value'],
    [
      'a text over 4000 characters',
      () => fullMapping({ housing: { need: 'some', ownWords: 'x'.repeat(4001) } }),
      'validation.too_big',
    ],
    [
      'an unknown field',
      () => fullMapping({ housing: { need: 'some', secretNotes: 'x' } }),
      'validation.unrecognized_keys',
    ],
    [
      'a definition version that does not exist',
      () => fullMapping({}, { definitionVersion: 99 }),
      'validation.unknown_mapping_definition',
    ],
    [
      'a previous mapping of no case',
      () => fullMapping({}, { previousMappingId: '00000000-0000-4000-8000-000000000000' }),
      'validation.unknown_previous_mapping',
    ],
  ];

  it.each(BAD_BODIES)('refuses %s with a 422 and changes nothing', async (_what, body, key) => {
    const before = [await count('mappings'), await count('mapping_areas')];
    const r = await http().post(coordinator.cookie, `/api/v1/cases/${caseId}/mappings`, body());
    expect(r.statusCode, r.body).toBe(422);
    expect(JSON.stringify(r.json())).toContain(key);
    expect(r.body).not.toContain('x'.repeat(100));
    expect([await count('mappings'), await count('mapping_areas')]).toEqual(before);
  });

  it('refuses a previous mapping of another case', async () => {
    const otherCase = await newCase(t, coordinator.programmeId, [coordinator.id]);
    const r = await http().post(
      coordinator.cookie,
      `/api/v1/cases/${otherCase}/mappings`,
      fullMapping({}, { previousMappingId: firstId }),
    );
    expect(r.statusCode, r.body).toBe(422);
  });

  it('starts a new mapping from the previous one and shows what changed, over the areas each reader sees', async () => {
    const r = await http().post(
      coordinator.cookie,
      `/api/v1/cases/${caseId}/mappings`,
      fullMapping(
        {
          housing: { need: 'some', ownWords: housingText, ownGoal: goalText, staffWords: 'Har fått lägenhet på prov' },
          debts: { need: 'some', staffWords: debtText, obstacles: 'Inkassokrav' },
          income_economy: { need: 'some', ownWords: incomeText },
          education: { need: 'none', opportunities: 'Gymnasiet klart' },
          work: { need: 'great' },
        },
        { previousMappingId: firstId },
      ),
    );
    expect(r.statusCode, r.body).toBe(200);
    const section = (await http().get(coordinator.cookie, `/api/v1/cases/${caseId}/mappings`)).json();
    expect(section.mappings).toHaveLength(2);
    const [latest] = section.mappings;
    expect(latest.previousMappingId).toBe(firstId);
    expect(latest.changes.comparedWith).toBe(firstId);
    expect(latest.changes.areas).toEqual([
      { areaId: 'housing', need: { from: 'great', to: 'some' }, changedFields: ['staffWords'] },
      { areaId: 'debts', need: { from: 'great', to: 'some' }, changedFields: [] },
      { areaId: 'work', need: { from: 'not_yet_known', to: 'great' }, changedFields: [] },
    ]);
    const partner = (await http().get(callers.get('partner_plan'), `/api/v1/cases/${caseId}/mappings`)).json();
    expect(partner.mappings[0].changes.areas.map((c: { areaId: string }) => c.areaId)).toEqual(['housing', 'work']);
  });

  it('stops showing the mapping to a partner at once when their consent is withdrawn', async () => {
    const consents = (await http().get(coordinator.cookie, `/api/v1/cases/${caseId}/consents`)).json();
    const cookie = callers.get('partner_plan_economy');
    expect((await http().get(cookie, `/api/v1/cases/${caseId}/mappings`)).statusCode).toBe(200);
    const withEconomy = consents.consents.find((c: { organisations: { sections: string[] }[] }) =>
      c.organisations.some((o) => o.sections.includes('economy') && o.sections.length === 2),
    );
    const w = await http().post(coordinator.cookie, `/api/v1/consents/${withEconomy.id}/withdraw`, {});
    expect(w.statusCode, w.body).toBe(200);
    expect((await http().get(cookie, `/api/v1/cases/${caseId}/mappings`)).statusCode).toBe(404);
  });
});

describe('mapping definitions: imported by an administrator, every fault listed, a faulty one changes nothing', () => {
  let t: TestEnv;
  let admin: Signed;
  let coordinator: Signed;
  const http = () => api(t);
  const definition = (overrides: Record<string, unknown> = {}) => ({
    id: 'region-mapping',
    version: 1,
    name: { sv: 'Regionens kartläggning', en: "The region's mapping" },
    areas: [
      { id: 'housing', section: 'plan', name: { sv: 'Boende', en: 'Housing' } },
      { id: 'debts', section: 'economy', name: { sv: 'Skulder', en: 'Debts' } },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestEnv();
    admin = await staff(t, ['administrator'], undefined);
    coordinator = await staff(t, ['coordinator'], admin.programmeId);
  });
  afterAll(async () => t.close());

  it('rejects a definition with duplicate area ids with a clear error in both languages, and stores nothing', async () => {
    const areas = [
      { id: 'housing', section: 'plan', name: { sv: 'Boende', en: 'Housing' } },
      { id: 'housing', section: 'economy', name: { sv: 'Skulder', en: 'Debts' } },
      { id: 'threats', section: 'threat', name: { sv: 'Hot', en: 'Threats' } },
    ];
    const r = await http().post(admin.cookie, '/api/v1/admin/mapping-definitions', definition({ areas }));
    expect(r.statusCode, r.body).toBe(422);
    const body = r.json();
    expect(body.error.messageKey).toBe('errors.mapping_definition_invalid');
    const fields = body.error.fields as { path: string; messageKey: string; messages: { sv: string; en: string } }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'areas[1].id', messageKey: 'mapping_definition.duplicate_area_id' }),
        expect.objectContaining({ path: 'areas[2].section', messageKey: 'mapping_definition.invalid_section' }),
      ]),
    );
    const duplicate = fields.find((f) => f.path === 'areas[1].id')!;
    expect(duplicate.messages.sv).toContain('används redan');
    expect(duplicate.messages.en).toContain('already used');
    expect(await http().sql('select 1 from mapping_definitions')).toHaveLength(0);
  });

  it('imports a valid definition, which new mappings then use, and refuses the same version twice', async () => {
    const r = await http().post(admin.cookie, '/api/v1/admin/mapping-definitions', definition());
    expect(r.statusCode, r.body).toBe(200);
    expect((await http().post(admin.cookie, '/api/v1/admin/mapping-definitions', definition())).statusCode).toBe(409);
    const list = await http().get(admin.cookie, '/api/v1/mapping-definitions');
    expect(list.json().definitions.map((d: { id: string }) => d.id)).toEqual(['utvag-mapping', 'region-mapping']);
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id]);
    const section = await http().get(coordinator.cookie, `/api/v1/cases/${caseId}/mappings`);
    expect(section.json().definition).toMatchObject({ id: 'region-mapping', version: 1 });
    const saved = await http().post(coordinator.cookie, `/api/v1/cases/${caseId}/mappings`, {
      definitionId: 'region-mapping',
      definitionVersion: 1,
      areas: [{ areaId: 'housing', need: 'some' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const audit = await http().sql(
      "select 1 from audit_log where action = 'instrument:import' and record_type = 'mapping_definition'",
    );
    expect(audit).toHaveLength(1);
  });

  it('lets no one but the administrator import', async () => {
    const r = await http().post(coordinator.cookie, '/api/v1/admin/mapping-definitions', definition({ version: 2 }));
    expect(r.statusCode).toBe(403);
    expect((await http().post(null, '/api/v1/admin/mapping-definitions', definition({ version: 2 }))).statusCode).toBe(
      401,
    );
    expect(await http().sql('select 1 from mapping_definitions where version = 2')).toHaveLength(0);
  });
});

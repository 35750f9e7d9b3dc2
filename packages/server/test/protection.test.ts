import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { createTestEnv, createUser, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';

const ADDRESS = 'Skyddsgatan 7, 412 63 Göteborg';
const placementBody = {
  providerKind: 'private',
  providerName: 'Trygga Hem AB',
  ivoPermitNumber: 'IVO 3.5.1-12345/2025',
  municipality: 'Göteborg',
  address: ADDRESS,
  startsOn: '2026-03-01',
  costPerDayOre: 245_050,
  status: 'active',
};
const purpose = 'Skjutsa personen till boendet i kväll';

describe('protection (skydd): placements, protected data, the sealed identity link, measures', () => {
  let t: TestEnv;
  let owner: TestUser;
  let reader: TestUser;
  let caseId: string;
  let otherCaseId: string;
  const cookies = new Map<string, string>();
  // A TOTP code is accepted once: sign each user in once and keep the session.
  const cookieOf = async (user: TestUser) => {
    if (!cookies.has(user.id)) cookies.set(user.id, await signIn(t, user));
    return cookies.get(user.id)!;
  };
  const call = async (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.origin },
      ...(user ? { cookies: { utvag_session: await cookieOf(user) } } : {}),
      ...(payload ? { payload } : {}),
    });
  const superQuery = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const staleSecondFactor = (user: TestUser) =>
    superQuery("update sessions set second_factor_at = now() - interval '6 minutes' where user_id = $1", [user.id]);
  const rowCounts = async () =>
    (
      await superQuery(
        `select (select count(*) from placements) p, (select count(*) from protected_data_applications) d,
                (select count(*) from identity_links) l, (select count(*) from protective_measures) m`,
      )
    )[0];
  const newCase = (programmeId: string, code: string, team: string[]) =>
    withTransaction(t.database.db, { programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId,
        code,
        state: 'assessment',
        identity: { name: 'Skyddad Person' },
        teamUserIds: team,
        ownerUserId: team[0],
      }),
    );

  beforeAll(async () => {
    t = await createTestEnv();
    owner = await createUser(t, { roles: ['coordinator'] });
    reader = await createUser(t, { roles: ['coordinator'], programmeId: owner.programmeId });
    caseId = (await newCase(owner.programmeId, 'SKY-2026-0001', [owner.id, reader.id])).caseId;
    otherCaseId = (await newCase(owner.programmeId, 'SKY-2026-0002', [owner.id])).caseId;
  });
  afterAll(async () => t.close());

  describe('placements', () => {
    it('refuses bad input with bilingual faults and writes nothing', async () => {
      const before = await rowCounts();
      const endsBefore = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        endsOn: '2026-02-27',
      });
      expect(endsBefore.statusCode).toBe(422);
      const field = endsBefore.json().error.fields.find((f: { path: string }) => f.path === 'endsOn');
      expect(field.messageKey).toBe('validation.placement_ends_before_start');
      expect(field.messages.sv).toMatch(/sluta innan den börjar/);
      expect(field.messages.en).toMatch(/end before it starts/);
      expect(endsBefore.body).not.toContain('Skyddsgatan');

      const noPermit = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        ivoPermitNumber: undefined,
      });
      expect(noPermit.statusCode).toBe(422);
      expect(noPermit.json().error.fields.map((f: { messageKey: string }) => f.messageKey)).toContain(
        'validation.ivo_permit_required',
      );
      const negative = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        costPerDayOre: -1,
      });
      expect(negative.statusCode).toBe(422);
      expect(negative.json().error.fields[0]).toMatchObject({
        path: 'costPerDayOre',
        messageKey: 'validation.cost_negative',
        messages: { sv: expect.stringMatching(/negativ/), en: expect.stringMatching(/negative/) },
      });
      // Whole öre only: a fraction of an öre is refused, not rounded.
      const fraction = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        costPerDayOre: 2450.5,
      });
      expect(fraction.statusCode).toBe(422);
      expect(fraction.json().error.fields[0].path).toBe('costPerDayOre');
      // A municipal provider has no IVO permit.
      const municipalPermit = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        providerKind: 'municipal',
      });
      expect(municipalPermit.json().error.fields[0]).toMatchObject({
        path: 'ivoPermitNumber',
        messageKey: 'validation.ivo_permit_not_allowed',
      });
      const noAddress = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        address: '  ',
      });
      expect(noAddress.statusCode).toBe(422);
      expect(await rowCounts()).toEqual(before);
    });

    it('records placements and lists the relocation history without any address', async () => {
      const first = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, placementBody);
      expect(first.statusCode, first.body).toBe(200);
      const placement = first.json().placement;
      expect(placement).toMatchObject({
        municipality: 'Göteborg',
        ivoPermitNumber: 'IVO 3.5.1-12345/2025',
        costPerDayOre: 245_050,
        status: 'active',
        endsOn: null,
      });
      expect(placement).not.toHaveProperty('costPerDay');
      expect(placement).not.toHaveProperty('ivoPermit');
      expect(placement).not.toHaveProperty('address');
      expect(first.body).not.toContain('Skyddsgatan');

      const ended = await call(owner, 'PATCH', `/api/v1/placements/${placement.id}`, {
        status: 'ended',
        endsOn: '2026-03-10',
      });
      expect(ended.statusCode, ended.body).toBe(200);
      expect(ended.json().placement).toMatchObject({ status: 'ended', endsOn: '2026-03-10' });
      const backwards = await call(owner, 'PATCH', `/api/v1/placements/${placement.id}`, { endsOn: '2026-02-01' });
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json().error.fields[0].messageKey).toBe('validation.placement_ends_before_start');
      const nothing = await call(owner, 'PATCH', `/api/v1/placements/${placement.id}`, {});
      expect(nothing.statusCode).toBe(422);
      expect(nothing.json().error.fields[0]).toMatchObject({
        messageKey: 'validation.nothing_to_change',
        messages: { sv: expect.any(String), en: expect.any(String) },
      });

      const second = await call(owner, 'POST', `/api/v1/cases/${caseId}/placements`, {
        ...placementBody,
        providerKind: 'municipal',
        providerName: 'Boråsbostäder',
        ivoPermitNumber: undefined,
        municipality: 'Borås',
        status: undefined,
        address: 'Annan väg 3, 503 30 Borås',
        startsOn: '2026-03-10',
      });
      expect(second.statusCode, second.body).toBe(200);
      // A placement recorded without a status is planned (the domain's default).
      expect(second.json().placement).toMatchObject({ ivoPermitNumber: null, status: 'planned' });

      const list = await call(owner, 'GET', `/api/v1/cases/${caseId}/placements`);
      expect(list.statusCode).toBe(200);
      expect(list.json().placements.map((p: { municipality: string }) => p.municipality)).toEqual([
        'Göteborg',
        'Borås',
      ]);
      expect(list.body).not.toContain('Skyddsgatan');
      expect(list.body).not.toContain('Annan väg');
      expect(list.json().addressView).toBe('allowed');
    });

    it('shows the address only after a fresh second factor, with a purpose, and logs the view', async () => {
      const [row] = await superQuery('select id from placements where case_id = $1 order by starts_on limit 1', [
        caseId,
      ]);
      const url = `/api/v1/placements/${row.id}/address`;
      await staleSecondFactor(owner);
      const stale = await call(owner, 'POST', url, { purpose });
      expect(stale.statusCode).toBe(403);
      expect(stale.json().error.messageKey).toBe('errors.fresh_second_factor_required');
      expect(stale.body).not.toContain('Skyddsgatan');
      expect((await call(owner, 'GET', `/api/v1/cases/${caseId}/placements`)).json().addressView).toBe(
        'step_up_required',
      );

      const stepUp = await call(owner, 'POST', '/api/v1/auth/step-up/totp', { code: totpNow(owner.totpSecret, 30) });
      expect(stepUp.statusCode, stepUp.body).toBe(200);
      expect((await call(owner, 'POST', url, {})).statusCode).toBe(422);
      expect((await call(owner, 'POST', url, { purpose: 'kort' })).statusCode).toBe(422);
      const repeating = await call(owner, 'POST', url, { purpose: `Åka till ${ADDRESS} nu` });
      expect(repeating.statusCode).toBe(422);
      expect(repeating.json().error.fields[0].messageKey).toBe('validation.reason_contains_secret');
      // Nor where, in other words: the municipality (as a word) or the provider.
      for (const where of ['Skjutsa personen till Göteborg i kväll', 'Skjutsa personen till trygga hem ab nu']) {
        const named = await call(owner, 'POST', url, { purpose: where });
        expect(named.statusCode, where).toBe(422);
        expect(named.json().error.fields[0].messageKey).toBe('validation.reason_contains_secret');
      }

      const shown = await call(owner, 'POST', url, { purpose });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toEqual({ placementId: row.id, address: ADDRESS });
      expect(shown.headers['cache-control']).toBe('no-store');
      const log = await superQuery(
        "select outcome, purpose, details from audit_log where action = 'protection:read_address' and record_id = $1 order by seq",
        [row.id],
      );
      expect(log.map((l) => [l.outcome, l.purpose])).toEqual([
        ['denied', null],
        ['success', purpose],
      ]);
      expect(log[1].details).toEqual({ caseId });
    });
  });

  describe('protected personal data and measures', () => {
    it('derives the deciding authority, refuses the wrong one, and checks the decision dates', async () => {
      const before = await rowCounts();
      const wrong = await call(owner, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
        kind: 'fictitious_identity',
        authority: 'skatteverket',
        status: 'applied',
        appliedOn: '2026-03-02',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.fields[0]).toMatchObject({
        path: 'authority',
        messageKey: 'validation.wrong_deciding_authority',
      });
      const undated = await call(owner, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
        kind: 'protected_registration',
        status: 'granted',
        appliedOn: '2026-03-02',
      });
      expect(undated.json().error.fields[0].messageKey).toBe('validation.decided_on_required');
      expect(await rowCounts()).toEqual(before);

      const ok = await call(owner, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
        kind: 'protected_registration',
        status: 'granted',
        appliedOn: '2026-03-02',
        decidedOn: '2026-03-05',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().application).toMatchObject({ authority: 'skatteverket', status: 'granted' });
      const police = await call(owner, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
        kind: 'fictitious_identity',
        status: 'applied',
        appliedOn: '2026-03-03',
      });
      expect(police.json().application.authority).toBe('polismyndigheten');
      const oldName = await call(owner, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
        kind: 'protected_registration',
        authority: 'tax_agency',
        status: 'applied',
        appliedOn: '2026-03-03',
      });
      expect(oldName.statusCode).toBe(422);
      expect(oldName.json().error.fields[0].path).toBe('authority');
      const list = await call(owner, 'GET', `/api/v1/cases/${caseId}/protected-data`);
      expect(list.json().applications.map((a: { kind: string }) => a.kind)).toEqual([
        'protected_registration',
        'fictitious_identity',
      ]);
    });

    it('records measures with an encrypted note and refuses one ending before it starts', async () => {
      const bad = await call(owner, 'POST', `/api/v1/cases/${caseId}/measures`, {
        kind: 'contact_ban',
        status: 'active',
        startsOn: '2026-03-05',
        endsOn: '2026-03-01',
      });
      expect(bad.json().error.fields[0].messageKey).toBe('validation.measure_ends_before_start');
      const other = await call(owner, 'POST', `/api/v1/cases/${caseId}/measures`, { kind: 'other', status: 'active' });
      expect(other.json().error.fields[0].messageKey).toBe('validation.measure_description_required');
      // The domain's statuses: requested, active, ended, refused.
      const planned = await call(owner, 'POST', `/api/v1/cases/${caseId}/measures`, {
        kind: 'contact_ban',
        status: 'planned',
      });
      expect(planned.statusCode).toBe(422);
      expect(planned.json().error.fields[0].path).toBe('status');
      const requested = await call(owner, 'POST', `/api/v1/cases/${caseId}/measures`, {
        kind: 'contact_ban',
        status: 'requested',
      });
      expect(requested.statusCode, requested.body).toBe(200);
      expect(requested.json().measure).toMatchObject({ kind: 'contact_ban', status: 'requested' });
      const ok = await call(owner, 'POST', `/api/v1/cases/${caseId}/measures`, {
        kind: 'safety_alarm',
        status: 'active',
        startsOn: '2026-03-05',
        note: 'Larm från Securitas',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const list = await call(owner, 'GET', `/api/v1/cases/${caseId}/measures`);
      expect(list.json().measures).toEqual([
        expect.objectContaining({ kind: 'contact_ban', status: 'requested', note: null }),
        expect.objectContaining({ kind: 'safety_alarm', note: 'Larm från Securitas' }),
      ]);
      const [raw] = await superQuery(
        'select note_enc from protective_measures where case_id = $1 and note_enc is not null',
        [caseId],
      );
      expect(Buffer.from(raw.note_enc).includes(Buffer.from('Securitas'))).toBe(false);
    });
  });

  describe('the sealed identity link', () => {
    const link = 'Gammal identitet 19900101-1234 ↔ fingerad identitet 19880505-5678';
    const reason = 'Polisen begär kontroll av skyddet';

    it('names coordinators of the programme only as readers', async () => {
      const officer = await createUser(t, { roles: ['hotline_officer'], programmeId: owner.programmeId });
      const refused = await call(owner, 'POST', `/api/v1/cases/${caseId}/identity-link`, {
        link,
        sealedReaderIds: [reader.id, officer.id],
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.fields[0]).toMatchObject({
        path: 'sealedReaderIds.1',
        messageKey: 'validation.not_a_programme_coordinator',
      });
      const ok = await call(owner, 'POST', `/api/v1/cases/${caseId}/identity-link`, {
        link,
        sealedReaderIds: [reader.id],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.body).not.toContain('19880505');
      const [raw] = await superQuery('select link_enc from identity_links where case_id = $1', [caseId]);
      expect(Buffer.from(raw.link_enc).includes(Buffer.from('19880505'))).toBe(false);
    });

    it('refuses a coordinator on the team who is not a named reader, even with a reason', async () => {
      const refused = await call(owner, 'POST', `/api/v1/cases/${caseId}/identity-link/view`, { reason });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain('19880505');
      // Nor can they name themselves a reader by recording the link again.
      const takeover = await call(owner, 'POST', `/api/v1/cases/${caseId}/identity-link`, {
        link: 'något annat',
        sealedReaderIds: [owner.id],
      });
      expect(takeover.statusCode).toBe(409);
      expect(
        (await superQuery('select sealed_reader_ids from identity_links where case_id = $1', [caseId]))[0],
      ).toEqual({ sealed_reader_ids: [reader.id] });
    });

    it('asks a named reader for a reason, shows the link, and logs the view with that reason', async () => {
      const view = `/api/v1/cases/${caseId}/identity-link/view`;
      expect((await call(reader, 'POST', view, {})).statusCode).toBe(422);
      expect((await call(reader, 'POST', view, { reason: 'kort' })).statusCode).toBe(422);
      const shown = await call(reader, 'POST', `/api/v1/cases/${caseId}/identity-link/view`, { reason });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toMatchObject({ link, sealedReaderIds: [reader.id] });
      const log = await superQuery(
        "select actor_user_id, purpose, outcome from audit_log where action = 'identity_link:read' and outcome = 'success'",
      );
      expect(log).toEqual([{ actor_user_id: reader.id, purpose: reason, outcome: 'success' }]);
    });

    it('asks a named reader whose second factor is stale to step up first', async () => {
      await staleSecondFactor(reader);
      const stale = await call(reader, 'POST', `/api/v1/cases/${caseId}/identity-link/view`, { reason });
      expect(stale.statusCode).toBe(403);
      expect(stale.json().error.messageKey).toBe('errors.fresh_second_factor_required');
    });
  });

  describe('who may reach the protection section', () => {
    type Probe = { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object };
    let probes: Probe[];

    beforeAll(async () => {
      const [p] = await superQuery('select id from placements where case_id = $1 limit 1', [caseId]);
      probes = [
        { method: 'GET', url: `/api/v1/cases/${caseId}/placements` },
        { method: 'POST', url: `/api/v1/cases/${caseId}/placements`, payload: placementBody },
        { method: 'PATCH', url: `/api/v1/placements/${p.id}`, payload: { status: 'ended' } },
        { method: 'POST', url: `/api/v1/placements/${p.id}/address`, payload: { purpose } },
        { method: 'GET', url: `/api/v1/cases/${caseId}/protected-data` },
        {
          method: 'POST',
          url: `/api/v1/cases/${caseId}/protected-data`,
          payload: { kind: 'confidentiality_marking', status: 'applied', appliedOn: '2026-03-01' },
        },
        { method: 'POST', url: `/api/v1/cases/${caseId}/identity-link/view`, payload: { reason: purpose } },
        {
          method: 'POST',
          url: `/api/v1/cases/${caseId}/identity-link`,
          payload: { link: 'x', sealedReaderIds: [owner.id] },
        },
        { method: 'GET', url: `/api/v1/cases/${caseId}/measures` },
        { method: 'POST', url: `/api/v1/cases/${caseId}/measures`, payload: { kind: 'contact_ban', status: 'active' } },
      ];
    });

    it('refuses every route to every role but the team coordinator, even on the team with a fresh second factor', async () => {
      const team = async (roles: Parameters<typeof createUser>[1]['roles']) => {
        const user = await createUser(t, { roles, programmeId: owner.programmeId });
        await superQuery('insert into case_team_members (case_id, programme_id, user_id) values ($1, $2, $3)', [
          caseId,
          owner.programmeId,
          user.id,
        ]);
        return user;
      };
      const outsiders: Record<string, TestUser> = {
        hotline_officer: await team(['hotline_officer']),
        partner_caseworker: await team(['partner_caseworker']),
        coach: await team(['coach']),
        management: await team(['management']),
        administrator: await team(['administrator']),
        auditor: await team(['auditor']),
        coordinator_not_on_team: await createUser(t, { roles: ['coordinator'], programmeId: owner.programmeId }),
        coordinator_of_another_programme: await createUser(t, { roles: ['coordinator'] }),
      };
      const before = await rowCounts();
      const statuses: Record<string, number[]> = {};
      for (const [name, user] of Object.entries(outsiders)) {
        statuses[name] = [];
        for (const probe of probes) {
          const r = await call(user, probe.method, probe.url, probe.payload);
          expect([403, 404], `${name} ${probe.method} ${probe.url}: ${r.body}`).toContain(r.statusCode);
          expect(r.body).not.toContain('Skyddsgatan');
          statuses[name].push(r.statusCode);
        }
      }
      // Not on the team, or a partner without consent: the case itself is unknown to them.
      expect(new Set(statuses.coordinator_not_on_team)).toEqual(new Set([404]));
      expect(new Set(statuses.coordinator_of_another_programme)).toEqual(new Set([404]));
      expect(await rowCounts()).toEqual(before);
      const denied = await superQuery(
        "select count(*)::int n from audit_log where outcome = 'denied' and (action like 'protection:%' or action = 'identity_link:read')",
      );
      expect(denied[0].n).toBeGreaterThanOrEqual(Object.keys(outsiders).length * probes.length);
    });

    it('answers 401 to a request without a session', async () => {
      for (const probe of probes)
        expect((await call(null, probe.method, probe.url, probe.payload)).statusCode).toBe(401);
    });

    it('does not let a placement id reach through another case or programme', async () => {
      const foreign = await createUser(t, { roles: ['coordinator'] });
      const [p] = await superQuery('select id from placements where case_id = $1 limit 1', [caseId]);
      const r = await call(foreign, 'PATCH', `/api/v1/placements/${p.id}`, { status: 'ended' });
      expect(r.statusCode).toBe(404);
      // The owner of another case in the same programme, on that case only, cannot list this one's.
      const soloOwner = await createUser(t, { roles: ['coordinator'], programmeId: owner.programmeId });
      const solo = (await newCase(owner.programmeId, 'SKY-2026-0003', [soloOwner.id])).caseId;
      expect((await call(soloOwner, 'GET', `/api/v1/cases/${solo}/placements`)).json().placements).toEqual([]);
      expect((await call(soloOwner, 'GET', `/api/v1/cases/${caseId}/placements`)).statusCode).toBe(404);
      expect((await call(owner, 'GET', `/api/v1/cases/${otherCaseId}/placements`)).json().placements).toEqual([]);
    });
  });
});

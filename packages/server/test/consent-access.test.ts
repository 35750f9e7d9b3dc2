import type { Role } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.ts';
import { client, newCase, newOrganisation, PDF_BASE64, staff, superQuery, type Signed } from './consent-fixtures.ts';

// Every route of the first meeting, consent, conditions and eligibility, against every role that
// must not use it. The list is checked against the app's own route table, so a new route in these
// areas fails this test until someone decides who may call it.

const OWN = /\/(meeting-records|attachments|consents|legal-bases|conditions|conditions-signatures|eligibility)(\/|$)/;

type Who =
  | 'anonymous'
  | 'hotline_on_team'
  | 'partner_on_team_no_consent'
  | 'coach_on_team_no_consent'
  | 'coordinator_off_team'
  | 'coordinator_other_programme'
  | 'management'
  | 'auditor'
  | 'administrator';

/** Expected status per caller; callers not listed may use the route and are not probed here. */
type Expect = Partial<Record<Who, number>>;

const CASE_ROUTE_DENIED: Expect = {
  anonymous: 401,
  partner_on_team_no_consent: 404,
  coach_on_team_no_consent: 404,
  coordinator_off_team: 404,
  coordinator_other_programme: 404,
  management: 404,
  auditor: 404,
  administrator: 404,
};
const DEFINITIONS_DENIED: Expect = {
  anonymous: 401,
  partner_on_team_no_consent: 403,
  coach_on_team_no_consent: 403,
  management: 403,
  auditor: 403,
};

describe('who may not call the assessment routes: every route × every role without access', () => {
  let t: TestEnv;
  let api: ReturnType<typeof client>;
  let coordinator: Signed;
  const callers = new Map<Who, string | null>();
  let caseId: string;
  let attachmentId: string;
  let consentId: string;
  let organisationId: string;

  const now = () => new Date(Date.now() - 1000).toISOString();
  const answers = Object.fromEntries(
    ['adult', 'motivated', 'risk_of_punishment', 'not_protected_witness', 'support_decided'].map((id) => [
      id,
      { met: true, grounds: 'g' },
    ]),
  );

  /** Each route: its URL with ids, a valid body, and who must be refused with which status. */
  const routes = () =>
    ({
      'POST /api/v1/cases/:id/meeting-records': {
        url: `/api/v1/cases/${caseId}/meeting-records`,
        body: { participantUserIds: [coordinator.id], motivation: 'm', situation: 's', explained: 'e' },
        denied: CASE_ROUTE_DENIED,
      },
      'GET /api/v1/cases/:id/meeting-records': {
        url: `/api/v1/cases/${caseId}/meeting-records`,
        denied: CASE_ROUTE_DENIED,
      },
      'POST /api/v1/cases/:id/attachments': {
        url: `/api/v1/cases/${caseId}/attachments`,
        body: { filename: 'a.pdf', contentType: 'application/pdf', dataBase64: PDF_BASE64 },
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/attachments/:id': {
        url: `/api/v1/attachments/${attachmentId}`,
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'POST /api/v1/cases/:id/consents': {
        url: `/api/v1/cases/${caseId}/consents`,
        body: {
          organisations: [{ organisationId, purposes: 'p', sections: ['plan'] }],
          givenAt: now(),
          method: 'oral_with_witness',
          witnessName: 'W',
        },
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/cases/:id/consents': {
        url: `/api/v1/cases/${caseId}/consents`,
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'POST /api/v1/consents/:id/withdraw': {
        url: `/api/v1/consents/${consentId}/withdraw`,
        body: {},
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'POST /api/v1/cases/:id/legal-bases': {
        url: `/api/v1/cases/${caseId}/legal-bases`,
        body: { organisationId, basis: 'osl_10_28', purposes: 'p', sections: ['plan'], validFrom: now() },
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/cases/:id/legal-bases': {
        url: `/api/v1/cases/${caseId}/legal-bases`,
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/conditions': { url: '/api/v1/conditions', denied: DEFINITIONS_DENIED },
      'POST /api/v1/admin/conditions': {
        url: '/api/v1/admin/conditions',
        body: { version: 2, conditions: [{ id: 'no_crime', text: { sv: 'Inga brott.', en: 'No crime.' } }] },
        denied: {
          ...DEFINITIONS_DENIED,
          hotline_on_team: 403,
          coordinator_off_team: 403,
          coordinator_other_programme: 403,
        },
      },
      'POST /api/v1/cases/:id/conditions-signatures': {
        url: `/api/v1/cases/${caseId}/conditions-signatures`,
        body: { version: 1, signedAt: now(), method: 'signed_paper' },
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/cases/:id/conditions-signatures': {
        url: `/api/v1/cases/${caseId}/conditions-signatures`,
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/eligibility/criteria': { url: '/api/v1/eligibility/criteria', denied: DEFINITIONS_DENIED },
      'POST /api/v1/cases/:id/eligibility': {
        url: `/api/v1/cases/${caseId}/eligibility`,
        body: { answers, outcome: 'admitted', reasoning: 'r' },
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
      'GET /api/v1/cases/:id/eligibility': {
        url: `/api/v1/cases/${caseId}/eligibility`,
        denied: { ...CASE_ROUTE_DENIED, hotline_on_team: 403 },
      },
    }) as Record<string, { url: string; body?: unknown; denied: Expect }>;

  const snapshot = async () =>
    superQuery(
      t,
      `select (select count(*) from meeting_records) mr, (select count(*) from attachments) a,
              (select count(*) from consents) c, (select count(*) from consents where withdrawn_at is not null) w,
              (select count(*) from legal_bases) lb, (select count(*) from conditions_versions) cv,
              (select count(*) from conditions_signatures) cs, (select count(*) from eligibility_decisions) ed,
              (select state from cases where id = $1) state`,
      [caseId],
    );

  beforeAll(async () => {
    t = await createTestEnv();
    api = client(t);
    coordinator = await staff(t, ['coordinator'], undefined);
    const p = coordinator.programmeId;
    organisationId = await newOrganisation(t);
    const as = async (roles: Role[], programmeId: string | undefined = p) =>
      staff(t, roles, programmeId, await newOrganisation(t));
    const hotline = await as(['hotline_officer']);
    const partner = await as(['partner_caseworker']);
    const coach = await as(['coach']);
    callers.set('anonymous', null);
    callers.set('hotline_on_team', hotline.cookie);
    callers.set('partner_on_team_no_consent', partner.cookie);
    callers.set('coach_on_team_no_consent', coach.cookie);
    callers.set('coordinator_off_team', (await as(['coordinator'])).cookie);
    callers.set('coordinator_other_programme', (await as(['coordinator'], undefined)).cookie);
    callers.set('management', (await as(['management'])).cookie);
    callers.set('auditor', (await as(['auditor'])).cookie);
    callers.set('administrator', (await as(['administrator'])).cookie);
    caseId = await newCase(t, p, [coordinator.id, hotline.id, partner.id, coach.id], { state: 'assessment' });
    const upload = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/attachments`, {
      filename: 'a.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF_BASE64,
    });
    attachmentId = upload.json().id;
    const consent = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, {
      organisations: [{ organisationId, purposes: 'p', sections: ['plan'] }],
      givenAt: now(),
      method: 'signed_paper',
      attachmentId,
    });
    consentId = consent.json().id;
    await api.get(coordinator.cookie, '/api/v1/conditions');
  });
  afterAll(async () => t.close());

  it('knows every assessment route the app registers', () => {
    const registered = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/v1/') && OWN.test(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(Object.keys(routes()).sort());
    expect(t.app.registeredRoutes.filter((r) => OWN.test(r.url)).every((r) => r.auth === 'full')).toBe(true);
  });

  it('refuses every caller without access on every route, and nothing changes', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const [key, route] of Object.entries(routes())) {
      const method = key.split(' ')[0] as 'GET' | 'POST';
      for (const [who, status] of Object.entries(route.denied) as [Who, number][]) {
        const cookie = callers.get(who)!;
        const response =
          method === 'GET' ? await api.get(cookie, route.url) : await api.post(cookie, route.url, route.body);
        if (response.statusCode !== status)
          failures.push(`${key} as ${who}: ${response.statusCode}, expected ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('logs the refusals of case routes, so probing shows in the audit log', async () => {
    const denied = await superQuery(t, "select count(*)::int n from audit_log where outcome = 'denied'");
    expect((denied[0] as { n: number }).n).toBeGreaterThan(20);
  });
});

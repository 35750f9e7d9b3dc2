import { randomUUID } from 'node:crypto';
import { ASSESSMENT_VALIDATION_MESSAGES, localDateOf, PROGRAMME_TIME_ZONE, RISK_ANALYSIS_V1 } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';
import { api } from './api.ts';
import { CALM_HOTLINE_ANSWERS, HOTLINE_CHECKLIST_ID } from './support.ts';

const RISK_ID = 'utvag-risk-analysis';
const ITEM_IDS = RISK_ANALYSIS_V1.parts.flatMap((p) => p.items.map((i) => i.id));
const CHECKLIST = {
  instrumentId: HOTLINE_CHECKLIST_ID,
  instrumentVersion: 1,
  answers: CALM_HOTLINE_ANSWERS,
};
const ROLES_WITHOUT_RISK = ['partner_caseworker', 'coach', 'management', 'administrator', 'auditor'] as const;

/** `days` from today as YYYY-MM-DD in the programme's time zone. */
function dayFromToday(days: number): string {
  const { year, month, day } = localDateOf(new Date(Date.now() + days * 86_400_000), PROGRAMME_TIME_ZONE);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const marker = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

/** Every item rated 0 now and in the past, except those overridden. */
function ratings(overrides: Record<string, { now: string; past: string; evidence?: string }> = {}) {
  return Object.fromEntries(
    ITEM_IDS.map((id) => [id, { evidence: '', ...(overrides[id] ?? { now: '0', past: '0' }) }]),
  );
}

function analysis(overrides: Record<string, unknown> = {}) {
  return {
    instrumentId: RISK_ID,
    instrumentVersion: 1,
    ratings: ratings(),
    scenarios: [],
    judgement: 'moderate',
    managementPlan: { protectiveActions: [] },
    nextReviewOn: dayFromToday(30),
    ...overrides,
  };
}

describe('structured risk analysis: saved encrypted, compared with the previous, re-assessed when things change', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let officer: TestUser;
  let outsider: TestUser;
  let cookie: string;
  let officerCookie: string;
  let outsiderCookie: string;
  let caseId: string;
  let otherCaseId: string;
  let firstId: string;
  const evidence = marker('Hotad via sms av gruppens ledare');

  // The suite's request helper (api.ts); `t` is set in beforeAll.
  const post = (as: string, url: string, payload: unknown) => api(t).post(as, url, payload);
  const get = (as: string, url: string) => api(t).get(as, url);
  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => api(t).sql<T>(text, values);
  /** Opens a case through the hotline, with its threat checklist, as the coordinator. */
  async function openCase(): Promise<string> {
    const r = await post(cookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'take_further',
      checklist: CHECKLIST,
      person: { name: marker('Person') },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().case.id as string;
  }

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    const same = { programmeId: coordinator.programmeId, organisationId: coordinator.organisationId };
    officer = await createUser(t, { roles: ['hotline_officer'], ...same });
    outsider = await createUser(t, { roles: ['coordinator'], ...same });
    cookie = await signIn(t, coordinator);
    officerCookie = await signIn(t, officer);
    outsiderCookie = await signIn(t, outsider);
    caseId = await openCase();
    otherCaseId = await openCase();
    await sql('insert into case_team_members (case_id, programme_id, user_id) values ($1, $2, $3)', [
      caseId,
      coordinator.programmeId,
      officer.id,
    ]);
  });
  afterAll(async () => t.close());

  it('lists the built-in risk instrument among the instruments', async () => {
    const r = await get(cookie, '/api/v1/instruments?kind=risk_analysis');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().instruments).toContainEqual(
      expect.objectContaining({ key: RISK_ID, version: 1, kind: 'risk_analysis', builtin: true }),
    );
  });

  it('refuses an analysis that leaves an item unrated: a missing rating is never taken as absent', async () => {
    const partial = ratings();
    delete partial.threat_stated;
    const r = await post(cookie, `/api/v1/cases/${caseId}/risk-analyses`, analysis({ ratings: partial }));
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toContain('validation.rating_missing');
    expect((await sql('select 1 from risk_analyses where case_id = $1', [caseId])).length).toBe(0);
  });

  it('keeps "not enough information" as its own rating through the round trip, with the checklist beside it', async () => {
    const r = await post(
      cookie,
      `/api/v1/cases/${caseId}/risk-analyses`,
      analysis({
        ratings: ratings({
          threat_stated: { now: 'unknown', past: '1', evidence },
          actor_weapons: { now: 'unknown', past: 'unknown' },
        }),
        scenarios: [
          {
            description: 'Gruppen söker upp honom hemma',
            likelihood: 'moderate',
            severity: 'serious',
            protectiveActions: ['Byta bostad'],
          },
        ],
        managementPlan: {
          protectiveActions: [{ action: 'Ansök om skyddat boende', responsibleOrganisation: 'Socialtjänsten' }],
        },
      }),
    );
    expect(r.statusCode, r.body).toBe(200);
    firstId = r.json().analysis.id;
    const evaluation = r.json().analysis.evaluation;
    expect(evaluation.unknownItemIds).toEqual(expect.arrayContaining(['threat_stated', 'actor_weapons']));
    expect(evaluation.criticalUnknownItemIds).toEqual(expect.arrayContaining(['threat_stated', 'actor_weapons']));

    const section = await get(cookie, `/api/v1/cases/${caseId}/risk-analyses`);
    expect(section.statusCode, section.body).toBe(200);
    const body = section.json();
    expect(body.analyses).toHaveLength(1);
    const saved = body.analyses[0];
    expect(saved.ratings.threat_stated).toEqual({ now: 'unknown', past: '1', evidence });
    expect(saved.ratings.actor_weapons).toEqual({ now: 'unknown', past: 'unknown', evidence: '' });
    expect(saved.judgement).toBe('moderate');
    expect(saved.changes).toBeNull();
    expect(saved.managementPlan.protectiveActions[0]).toMatchObject({ action: 'Ansök om skyddat boende' });
    expect(body.checklists).toHaveLength(1);
    expect(body.checklists[0].answers).toEqual(CHECKLIST.answers);
    expect(body.reviewDue).toEqual({ due: false, reasons: [] });

    // SECURITY: ratings, evidence and scenarios are ciphertext; the log holds no content.
    const [row] = await sql<{ content_enc: Buffer; judgement: string }>(
      'select content_enc, judgement from risk_analyses where id = $1',
      [firstId],
    );
    expect(row!.content_enc.toString('latin1')).not.toContain(evidence);
    expect(row!.content_enc.toString('latin1')).not.toContain('threat_stated');
    const audit = await sql<{ action: string; details: unknown }>(
      `select action, details from audit_log where record_id = $1 and action like 'risk:%'`,
      [caseId],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['risk:write', 'risk:read']));
    expect(JSON.stringify(audit)).not.toContain(evidence);
  });

  it('refuses a review date today or in the past with a bilingual error, and writes nothing', async () => {
    const before = await sql('select id from risk_analyses where case_id = $1', [caseId]);
    const auditBefore = await sql(`select seq from audit_log where action = 'risk:write'`);
    for (const nextReviewOn of [dayFromToday(0), dayFromToday(-3)]) {
      const r = await post(cookie, `/api/v1/cases/${caseId}/risk-analyses`, analysis({ nextReviewOn }));
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.fields).toContainEqual({
        path: 'nextReviewOn',
        messageKey: 'validation.review_date_in_past',
        message: ASSESSMENT_VALIDATION_MESSAGES.review_date_in_past.en,
        messages: ASSESSMENT_VALIDATION_MESSAGES.review_date_in_past,
      });
    }
    expect(await sql('select id from risk_analyses where case_id = $1', [caseId])).toEqual(before);
    expect(await sql(`select seq from audit_log where action = 'risk:write'`)).toEqual(auditBefore);
  });

  it('requires a written justification to judge below acute when a critical item is clearly present now', async () => {
    const r = await post(
      cookie,
      `/api/v1/cases/${caseId}/risk-analyses`,
      analysis({ ratings: ratings({ threat_stated: { now: '2', past: '1', evidence } }), judgement: 'high' }),
    );
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toContain('validation.judgement_justification_required');
  });

  it('shows what changed when a new analysis starts from the previous one', async () => {
    const r = await post(
      cookie,
      `/api/v1/cases/${caseId}/risk-analyses`,
      analysis({
        previousAnalysisId: firstId,
        ratings: ratings({
          threat_stated: { now: '2', past: '1', evidence: `${evidence} Nytt hot i går.` },
          actor_weapons: { now: 'unknown', past: 'unknown' },
        }),
        scenarios: [
          {
            description: 'Gruppen söker upp honom hemma',
            likelihood: 'high',
            severity: 'lethal',
            protectiveActions: ['Flytta i dag'],
          },
        ],
        judgement: 'acute',
        nextReviewOn: dayFromToday(7),
      }),
    );
    expect(r.statusCode, r.body).toBe(200);
    const secondId = r.json().analysis.id;
    const body = (await get(cookie, `/api/v1/cases/${caseId}/risk-analyses`)).json();
    expect(body.analyses.map((a: { id: string }) => a.id)).toEqual([secondId, firstId]);
    const changes = body.analyses[0].changes;
    expect(changes.comparedWith).toBe(firstId);
    expect(changes.ratings).toEqual([{ itemId: 'threat_stated', when: 'now', from: 'unknown', to: '2' }]);
    expect(changes.evidenceChangedItemIds).toEqual(['threat_stated']);
    expect(changes.judgement).toEqual({ from: 'moderate', to: 'acute' });
    expect(changes.scenarios.changed).toHaveLength(1);
    expect(changes.nextReviewOn).toEqual({ from: dayFromToday(30), to: dayFromToday(7) });
    expect(body.analyses[0].previousAnalysisId).toBe(firstId);
  });

  it("refuses to start from another case's analysis", async () => {
    const r = await post(
      cookie,
      `/api/v1/cases/${otherCaseId}/risk-analyses`,
      analysis({ previousAnalysisId: firstId }),
    );
    expect(r.statusCode).toBe(422);
    expect(JSON.stringify(r.json())).toContain('validation.unknown_previous_analysis');
    expect((await sql('select 1 from risk_analyses where case_id = $1', [otherCaseId])).length).toBe(0);
  });

  it('makes a review due after an incident, and lists it on the home screen of the team only', async () => {
    const before = (await get(cookie, '/api/v1/home/reviews-due')).json().reviews as { caseId: string }[];
    expect(before.map((d) => d.caseId)).not.toContain(caseId);
    // A case without any analysis is due, too.
    expect(before).toContainEqual(expect.objectContaining({ caseId: otherCaseId, reasons: ['no_analysis'] }));

    const future = await post(cookie, `/api/v1/cases/${caseId}/incidents`, {
      kind: 'threat_incident',
      occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.statusCode).toBe(422);

    const note = marker('Skottlossning utanför porten');
    const r = await post(cookie, `/api/v1/cases/${caseId}/incidents`, {
      kind: 'threat_incident',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      note,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().reviewDue).toEqual({ due: true, reasons: ['threat_incident'] });

    const section = (await get(cookie, `/api/v1/cases/${caseId}/risk-analyses`)).json();
    expect(section.reviewDue.due).toBe(true);
    expect(section.incidents[0]).toMatchObject({ kind: 'threat_incident', note });
    const due = (await get(cookie, '/api/v1/home/reviews-due')).json().reviews;
    const entry = due.find((d: { caseId: string }) => d.caseId === caseId);
    expect(entry).toMatchObject({ reasons: ['threat_incident'], nextReviewOn: dayFromToday(7) });
    expect(Object.keys(entry).sort()).toEqual(['caseCode', 'caseId', 'nextReviewOn', 'reasons']);

    // Another coordinator, not on the team, sees neither case.
    const theirs = await get(outsiderCookie, '/api/v1/home/reviews-due');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().reviews).toEqual([]);
    const [noteRow] = await sql<{ note_enc: Buffer }>('select note_enc from case_incidents where case_id = $1', [
      caseId,
    ]);
    expect(noteRow!.note_enc.toString('latin1')).not.toContain(note);
    expect(JSON.stringify(await sql('select details from audit_log'))).not.toContain(note);
  });

  it('lets the hotline officer on the team read the analysis but not write one', async () => {
    expect((await get(officerCookie, `/api/v1/cases/${caseId}/risk-analyses`)).statusCode).toBe(200);
    const write = await post(officerCookie, `/api/v1/cases/${caseId}/risk-analyses`, analysis());
    expect(write.statusCode).toBe(403);
    const incident = await post(officerCookie, `/api/v1/cases/${caseId}/incidents`, {
      kind: 'move',
      occurredAt: new Date().toISOString(),
    });
    expect(incident.statusCode).toBe(403);
  });

  it('answers a coordinator outside the team with 404, and logs the refusal', async () => {
    const r = await get(outsiderCookie, `/api/v1/cases/${caseId}/risk-analyses`);
    expect(r.statusCode).toBe(404);
    const w = await post(outsiderCookie, `/api/v1/cases/${caseId}/risk-analyses`, analysis());
    expect(w.statusCode).toBe(404);
    const denied = await sql(
      `select 1 from audit_log where actor_user_id = $1 and outcome = 'denied' and record_id = $2`,
      [outsider.id, caseId],
    );
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps partners, coaches, management, administrators and auditors out of every risk route, even on the team', async () => {
    const routes = t.app.registeredRoutes.filter(
      (r) => r.auth === 'full' && /^\/api\/v1\/(cases\/:id\/(risk-analyses|incidents)|home\/reviews-due)$/.test(r.url),
    );
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/cases/:id/risk-analyses',
      'GET /api/v1/home/reviews-due',
      'POST /api/v1/cases/:id/incidents',
      'POST /api/v1/cases/:id/risk-analyses',
    ]);
    const bodies: Record<string, unknown> = {
      '/api/v1/cases/:id/risk-analyses': analysis(),
      '/api/v1/cases/:id/incidents': { kind: 'move', occurredAt: new Date().toISOString() },
    };
    for (const role of ROLES_WITHOUT_RISK) {
      const user = await createUser(t, {
        roles: [role],
        programmeId: coordinator.programmeId,
        organisationId: coordinator.organisationId,
      });
      await sql('insert into case_team_members (case_id, programme_id, user_id) values ($1, $2, $3)', [
        caseId,
        coordinator.programmeId,
        user.id,
      ]);
      const as = await signIn(t, user);
      for (const route of routes) {
        for (const id of [caseId, randomUUID()]) {
          const url = route.url.replace(':id', id);
          const r = route.method === 'GET' ? await get(as, url) : await post(as, url, bodies[route.url] ?? {});
          expect([403, 404], `${role} ${route.method} ${url}: ${r.body}`).toContain(r.statusCode);
          expect(r.body).not.toContain(evidence);
        }
      }
    }
    expect((await sql('select 1 from risk_analyses where case_id = $1', [caseId])).length).toBe(2);
  });
});

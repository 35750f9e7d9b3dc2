import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.ts';
import { client, marker, newCase, staff, superQuery, type Signed } from './consent-fixtures.ts';

const CRITERIA = ['adult', 'motivated', 'risk_of_punishment', 'not_protected_witness', 'support_decided'];
const allMet = (grounds: string) => Object.fromEntries(CRITERIA.map((id) => [id, { met: true, grounds }]));

describe('the eligibility decision records its grounds and moves the case on, all or nothing', () => {
  let t: TestEnv;
  let api: ReturnType<typeof client>;
  let coordinator: Signed;
  let officer: Signed;
  const grounds = marker('Grunder');
  const reasoning = marker('Motivering');
  const referral = marker('Socialtjänsten');

  const decide = (caseId: string, body: unknown, as = coordinator) =>
    api.post(as.cookie, `/api/v1/cases/${caseId}/eligibility`, body);
  const stateOf = async (caseId: string) =>
    (await superQuery<{ state: string }>(t, 'select state from cases where id = $1', [caseId]))[0]!.state;
  const eventsOf = async (caseId: string) =>
    (
      await superQuery<{ event: string }>(t, 'select event from case_events where case_id = $1 order by at, id', [
        caseId,
      ])
    ).map((r) => r.event);
  const decisionsOf = async (caseId: string) =>
    superQuery(t, 'select * from eligibility_decisions where case_id = $1', [caseId]);

  beforeAll(async () => {
    t = await createTestEnv();
    api = client(t);
    coordinator = await staff(t, ['coordinator'], undefined);
    officer = await staff(t, ['hotline_officer'], coordinator.programmeId);
  });
  afterAll(async () => t.close());

  it('serves the default criteria when the programme has set none', async () => {
    const response = await api.get(coordinator.cookie, '/api/v1/eligibility/criteria');
    expect(response.statusCode).toBe(200);
    expect(response.json().criteria.map((c: { id: string }) => c.id)).toEqual(CRITERIA);
  });

  it('admits a person who meets every criterion: an inquiry goes through assessment to admitted', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id]);
    const response = await decide(caseId, { answers: allMet(grounds), outcome: 'admitted', reasoning });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'admitted',
      state: 'admitted',
      events: ['start_assessment', 'admit'],
    });
    expect(await stateOf(caseId)).toBe('admitted');
    // Both steps share the transaction's time (case_events has no sequence), so compare as a set.
    expect((await eventsOf(caseId)).sort()).toEqual(['admit', 'start_assessment']);
    const listed = await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/eligibility`);
    expect(listed.json().decisions[0]).toMatchObject({ outcome: 'admitted', reasoning, decidedBy: coordinator.id });
    expect(listed.json().decisions[0].answers.motivated).toEqual({ met: true, grounds });
    // SECURITY: grounds and reasoning are ciphertext at rest.
    expect(JSON.stringify(await decisionsOf(caseId))).not.toContain(grounds);
  });

  it('records where a declined person was referred', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], { state: 'assessment' });
    const answers = { ...allMet(grounds), motivated: { met: false, grounds: 'Tvekar' } };
    const response = await decide(caseId, {
      answers,
      outcome: 'declined',
      reasoning,
      referredTo: { kind: 'other', organisationName: referral },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await stateOf(caseId)).toBe('declined');
    const [decision] = (await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/eligibility`)).json().decisions;
    expect(decision.referredTo).toEqual({ kind: 'other', organisationName: referral });
    expect(JSON.stringify(await decisionsOf(caseId))).not.toContain(referral);
  });

  it('refuses to admit with an unmet criterion, and to decline without saying where the person is referred', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], { state: 'assessment' });
    const unmet = await decide(caseId, {
      answers: { ...allMet(grounds), support_decided: { met: false, grounds: 'Ej klart' } },
      outcome: 'admitted',
      reasoning,
    });
    expect(unmet.statusCode).toBe(422);
    expect(unmet.json().error.messageKey).toBe('validation.admitted_with_unmet_criteria');
    const noReferral = await decide(caseId, { answers: allMet(grounds), outcome: 'declined', reasoning });
    expect(noReferral.statusCode).toBe(422);
    expect(await stateOf(caseId)).toBe('assessment');
    expect(await decisionsOf(caseId)).toEqual([]);
  });

  it('routes a person under 18 to social services with a clear notice instead of refusing them', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], { state: 'assessment' });
    const young = new Date();
    young.setFullYear(young.getFullYear() - 16);
    const birthDate = young.toISOString().slice(0, 10);
    const declined = await decide(caseId, {
      answers: allMet(grounds),
      outcome: 'declined',
      reasoning,
      birthDate,
      referredTo: { kind: 'other', organisationName: 'Någon' },
    });
    expect(declined.statusCode).toBe(422);
    const body = declined.json().error;
    expect(body.messageKey).toBe('validation.under_age_refer_to_social_services');
    expect(body.fields[0].messages.sv).toBeTruthy();
    expect(body.fields[0].messages.en).toBeTruthy();
    expect(await decisionsOf(caseId)).toEqual([]);
    const referred = await decide(caseId, {
      answers: allMet(grounds),
      outcome: 'referred',
      reasoning,
      birthDate,
      referredTo: { kind: 'social_services', organisationName: referral },
    });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(await stateOf(caseId)).toBe('closed');
  });

  it("takes the age from the case's personnummer when no date of birth is given", async () => {
    const year = new Date().getFullYear() - 15;
    const nine = `${String(year).slice(2)}0101123`;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
      if (d > 9) d -= 9;
      sum += d;
    }
    const personnummer = `${year}0101-123${(10 - (sum % 10)) % 10}`;
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], {
      state: 'assessment',
      identity: { name: 'Ung', personnummer },
    });
    const response = await decide(caseId, { answers: allMet(grounds), outcome: 'admitted', reasoning });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.messageKey).toBe('validation.under_age_refer_to_social_services');
  });

  it('refuses a decision the lifecycle does not allow, and writes nothing', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], { state: 'active' });
    const response = await decide(caseId, { answers: allMet(grounds), outcome: 'admitted', reasoning });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.messageKey).toBe('errors.forbidden_transition');
    expect(response.json().error.fields).toEqual([
      {
        path: 'outcome',
        messageKey: 'validation.decision_not_possible_in_state',
        message: expect.any(String),
        messages: { sv: expect.stringMatching(/läge/), en: expect.stringMatching(/state/) },
      },
    ]);
    expect(await stateOf(caseId)).toBe('active');
    expect(await eventsOf(caseId)).toEqual([]);
    expect(await decisionsOf(caseId)).toEqual([]);
  });

  it('lets neither a hotline officer on the team decide or read the grounds, nor anyone off the team', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id, officer.id], { state: 'assessment' });
    expect(
      (await decide(caseId, { answers: allMet(grounds), outcome: 'admitted', reasoning }, officer)).statusCode,
    ).toBe(403);
    expect((await api.get(officer.cookie, `/api/v1/cases/${caseId}/eligibility`)).statusCode).toBe(403);
    const stranger = await staff(t, ['coordinator'], coordinator.programmeId);
    expect(
      (await decide(caseId, { answers: allMet(grounds), outcome: 'admitted', reasoning }, stranger)).statusCode,
    ).toBe(404);
    expect(await stateOf(caseId)).toBe('assessment');
  });

  it('keeps grounds, reasoning and the referral out of the audit log', async () => {
    const log = JSON.stringify(await superQuery(t, 'select * from audit_log'));
    for (const secret of [grounds, reasoning, referral]) expect(log).not.toContain(secret);
    expect(log).toContain('eligibility:decide');
  });
});

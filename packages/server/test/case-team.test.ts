import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

describe('the case team: the coordinator decides who works the case, consent decides what partners see', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let officer: TestUser;
  let partner: TestUser;
  let administrator: TestUser;
  let caseId: string;
  let cookie: string;
  const as = (c: string) => ({
    get: (url: string) => t.app.inject({ method: 'GET', url, cookies: { utvag_session: c } }),
    post: (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: { origin: t.origin }, cookies: { utvag_session: c }, payload }),
    del: (url: string) =>
      t.app.inject({ method: 'DELETE', url, headers: { origin: t.origin }, cookies: { utvag_session: c } }),
  });

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: coordinator.programmeId });
    partner = await createUser(t, { roles: ['partner_caseworker'], programmeId: coordinator.programmeId });
    administrator = await createUser(t, { roles: ['administrator'], programmeId: coordinator.programmeId });
    caseId = (
      await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: coordinator.programmeId,
          code: 'TEAM-2026-0001',
          state: 'inquiry',
          identity: { name: 'Team Person' },
          teamUserIds: [coordinator.id, officer.id],
          ownerUserId: coordinator.id,
        }),
      )
    ).caseId;
    cookie = await signIn(t, coordinator);
  });
  afterAll(async () => t.close());

  it('lets the coordinator put a partner on the team, who still sees nothing until consent covers them', async () => {
    const added = await as(cookie).post(`/api/v1/cases/${caseId}/team`, { userId: partner.id });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().team.map((m: { userId: string }) => m.userId)).toContain(partner.id);
    const partnerCookie = await signIn(t, partner);
    expect((await as(partnerCookie).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);

    const consent = await as(cookie).post(`/api/v1/cases/${caseId}/consents`, {
      organisations: [
        { organisationId: partner.organisationId, purposes: 'Stöd i boendet', sections: ['identity', 'plan'] },
      ],
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      method: 'oral_with_witness',
      witnessName: 'Vittne Samordnare',
    });
    expect(consent.statusCode, consent.body).toBe(200);
    const view = await as(partnerCookie).get(`/api/v1/cases/${caseId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().identity.name).toBe('Team Person');

    const removed = await as(cookie).del(`/api/v1/cases/${caseId}/team/${partner.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await as(partnerCookie).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('refuses a hotline officer on the team, and someone who does not work cases', async () => {
    const officerCookie = await signIn(t, officer);
    expect((await as(officerCookie).post(`/api/v1/cases/${caseId}/team`, { userId: partner.id })).statusCode).toBe(403);
    const admin = await as(cookie).post(`/api/v1/cases/${caseId}/team`, { userId: administrator.id });
    expect(admin.statusCode).toBe(422);
    expect(admin.json().error.messageKey).toBe('errors.not_case_staff');
    expect((await as(cookie).del(`/api/v1/cases/${caseId}/team/${coordinator.id}`)).statusCode).toBe(409);
  });

  it('offers as candidates only colleagues who work cases, and only to those who may manage teams', async () => {
    const staff = await as(cookie).get('/api/v1/case-staff');
    expect(staff.statusCode).toBe(200);
    const ids = staff.json().staff.map((s: { userId: string }) => s.userId);
    expect(ids).toEqual(expect.arrayContaining([coordinator.id, officer.id, partner.id]));
    expect(ids).not.toContain(administrator.id);
    const partnerCookie = await signIn(t, partner);
    expect((await as(partnerCookie).get('/api/v1/case-staff')).statusCode).toBe(403);
  });
});

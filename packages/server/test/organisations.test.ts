import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

describe('the organisations a consent can name', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
  });
  afterAll(async () => t.close());

  it('are listed for a coordinator, who records consents', async () => {
    const cookie = await signIn(t, coordinator);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      cookies: { utvag_session: cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().organisations.map((o: { id: string }) => o.id)).toContain(coordinator.organisationId);
  });

  it('are refused to roles that record no consents', async () => {
    for (const role of ['hotline_officer', 'partner_caseworker', 'coach', 'management', 'auditor'] as const) {
      const user = await createUser(t, { roles: [role], programmeId: coordinator.programmeId });
      const cookie = await signIn(t, user);
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/organisations',
        cookies: { utvag_session: cookie },
      });
      expect(response.statusCode, role).toBe(403);
    }
  });
});

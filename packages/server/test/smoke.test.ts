import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, signIn, type TestEnv } from './harness.ts';

describe('sign-in end to end through the API', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('signs a coordinator in with password and TOTP and answers /me with their abilities', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const cookie = await signIn(t, user);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toEqual(['coordinator']);
    expect(me.json().abilities).toContain('case:list');
    expect(me.json().abilities).not.toContain('user:list');
  });
});

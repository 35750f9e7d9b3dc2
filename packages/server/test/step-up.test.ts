import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';

describe('step-up: a fresh second-factor check inside a signed-in session', () => {
  let t: TestEnv;
  let user: TestUser;
  let cookie: string;
  const superQuery = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const stepUp = (code: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/step-up/totp',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { code },
    });
  const freshUntil = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } })).json().session
      .freshSecondFactorUntil as string;

  beforeAll(async () => {
    t = await createTestEnv();
    user = await createUser(t, { roles: ['coordinator'] });
    cookie = await signIn(t, user);
  });
  afterAll(async () => t.close());

  it('counts the sign-in itself as fresh for five minutes, then no longer', async () => {
    expect(Date.parse(await freshUntil()) - Date.now()).toBeGreaterThan(4 * 60_000);
    await superQuery("update sessions set second_factor_at = now() - interval '6 minutes' where user_id = $1", [
      user.id,
    ]);
    expect(Date.parse(await freshUntil())).toBeLessThan(Date.now());
  });

  it('refuses a wrong code (and logs it) and renews freshness with a right one; a code is never accepted twice', async () => {
    const wrong = await stepUp('000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.messageKey).toBe('errors.invalid_code');
    const right = await stepUp(totpNow(user.totpSecret, 30));
    expect(right.statusCode, right.body).toBe(200);
    expect(Date.parse(right.json().freshUntil) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(await freshUntil()) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect((await stepUp(totpNow(user.totpSecret, 30))).statusCode).toBe(401);
    const log = await superQuery(
      "select outcome from audit_log where action = 'auth:step_up' and actor_user_id = $1 order by seq",
      [user.id],
    );
    expect(log.map((r) => r.outcome)).toEqual(['failure', 'success', 'failure']);
  });

  it('needs a signed-in session', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/step-up/totp',
      headers: { origin: t.origin },
      payload: { code: totpNow(user.totpSecret) },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

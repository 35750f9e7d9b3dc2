import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, sessionCookie, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';

const FOREIGN_ORIGINS: Record<string, Record<string, string>> = {
  'no Origin header': {},
  'a foreign Origin': { origin: 'https://evil.example' },
  'an Origin that only starts like ours': { origin: 'http://localhost:8080.evil.example' },
  'the opaque null Origin': { origin: 'null' },
  'a same-site Referer but no Origin': { referer: 'http://localhost:8080/admin' },
};

async function countUsersNamed(t: TestEnv, username: string): Promise<number> {
  const su = new pg.Client({ connectionString: t.superuserUrl });
  await su.connect();
  try {
    const { rows } = await su.query<{ n: number }>('select count(*)::int as n from users where username = $1', [
      username,
    ]);
    return rows[0]!.n;
  } finally {
    await su.end();
  }
}

/**
 * Signs in again. The TOTP replay guard refuses a second code from the same 30-second step, so
 * the recorded step is cleared first (replay itself is tested in sign-in.test.ts).
 */
async function signInAgain(t: TestEnv, user: TestUser): Promise<string> {
  const su = new pg.Client({ connectionString: t.superuserUrl });
  await su.connect();
  try {
    await su.query('update users set totp_last_step = null where id = $1', [user.id]);
  } finally {
    await su.end();
  }
  return signIn(t, user);
}

function expectCsrfRefusal(response: { statusCode: number; json: () => unknown }) {
  expect(response.statusCode).toBe(403);
  expect((response.json() as { error: { messageKey: string } }).error.messageKey).toBe('errors.csrf');
}

describe('cross-site request forgery', () => {
  let t: TestEnv;
  let user: TestUser;
  let admin: TestUser;
  let userCookie: string;
  let adminCookie: string;
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestEnv();
    expect(t.origin).toBe('http://localhost:8080');
    user = await createUser(t, { roles: ['coordinator'] });
    admin = await createUser(t, { roles: ['administrator'] });
    organisationId = admin.organisationId;
    userCookie = await signIn(t, user);
    adminCookie = await signIn(t, admin);
  });
  afterAll(async () => t.close());

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } });

  for (const [name, headers] of Object.entries(FOREIGN_ORIGINS)) {
    it(`refuses "sign out everywhere" with ${name} and leaves the session alive`, async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout-everywhere',
        headers,
        cookies: { utvag_session: userCookie },
      });
      expectCsrfRefusal(response);
      expect(response.cookies.find((c) => c.name === 'utvag_session')).toBeUndefined();
      expect((await me(userCookie)).statusCode).toBe(200);
    });

    it(`refuses an invitation with ${name} and creates no user`, async () => {
      const username = `csrf.${randomUUID().slice(0, 8)}`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers,
        cookies: { utvag_session: adminCookie },
        payload: { username, displayName: 'Forged', organisationId, roles: ['coordinator'] },
      });
      expectCsrfRefusal(response);
      expect(await countUsersNamed(t, username)).toBe(0);
    });
  }

  it('refuses a forged sign-out and leaves the session alive', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: 'https://evil.example' },
      cookies: { utvag_session: userCookie },
    });
    expectCsrfRefusal(response);
    expect((await me(userCookie)).statusCode).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF) and issues no session', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: user.username, password: user.password },
    });
    expectCsrfRefusal(response);
    expect(sessionCookie(response)).toBeUndefined();
  });

  it('refuses a forged write sent as a plain form post (no JSON content type)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { utvag_session: userCookie },
      payload: 'a=b',
    });
    expectCsrfRefusal(response);
    expect((await me(userCookie)).statusCode).toBe(200);
  });

  it('accepts the same request from our own origin (the check is not simply closed)', async () => {
    const other = await signInAgain(t, user);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: { origin: t.origin },
      cookies: { utvag_session: other },
    });
    expect(response.statusCode).toBe(204);
    expect((await me(other)).statusCode).toBe(401);
    expect((await me(userCookie)).statusCode).toBe(401);
    userCookie = await signInAgain(t, user);
  });
});

describe('the session cookie', () => {
  let t: TestEnv;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestEnv();
    user = await createUser(t, { roles: ['coordinator'] });
  });
  afterAll(async () => t.close());

  function expectHardened(setCookie: string | undefined) {
    expect(setCookie).toBeDefined();
    const parts = setCookie!.split(';').map((p) => p.trim().toLowerCase());
    expect(parts[0]).toMatch(/^utvag_session=/);
    expect(parts).toContain('httponly');
    expect(parts).toContain('samesite=strict');
    expect(parts).toContain('secure');
    expect(parts).toContain('path=/');
    // Host-only: a Domain attribute would share the cookie with sibling hosts.
    expect(parts.some((p) => p.startsWith('domain='))).toBe(false);
  }

  const setCookieOf = (headers: Record<string, unknown>) => {
    const raw = headers['set-cookie'];
    const all = Array.isArray(raw) ? raw : raw ? [raw as string] : [];
    return all.find((c: string) => c.startsWith('utvag_session='));
  };

  it('is HttpOnly, SameSite=Strict, Secure and Path=/ after the password and after the second factor', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: t.origin },
      payload: { username: user.username, password: user.password },
    });
    expect(login.statusCode).toBe(200);
    expectHardened(setCookieOf(login.headers));
    const totp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: { origin: t.origin },
      cookies: { utvag_session: sessionCookie(login)! },
      payload: { code: totpNow(user.totpSecret) },
    });
    expect(totp.statusCode).toBe(200);
    expectHardened(setCookieOf(totp.headers));
  });

  it('is cleared with the same attributes at sign-out', async () => {
    const cookie = await signInAgain(t, user);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
    });
    expect(logout.statusCode).toBe(204);
    const cleared = setCookieOf(logout.headers);
    expectHardened(cleared);
    expect(cleared).toMatch(/^utvag_session=;|expires=thu, 01 jan 1970/i);
  });
});

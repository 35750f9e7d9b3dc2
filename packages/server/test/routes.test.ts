import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RegisteredRoute } from '../src/app.ts';
import { createTestEnv, createUser, sessionCookie, signIn, type TestEnv, type TestUser } from './harness.ts';

/**
 * Every route anyone may call without a session. SECURITY: adding to this list is a conscious
 * decision — a new public route makes this test fail until it is named here.
 */
const EXPECTED_PUBLIC = [
  'GET /api/docs',
  'GET /api/docs/json',
  'GET /api/docs/static/*',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/docs/yaml',
  'GET /api/openapi.json',
  'GET /api/v1/setup/status',
  'GET /healthz',
  'GET /readyz',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/enrolment/inspect',
  'POST /api/v1/enrolment/passkey/options',
  'POST /api/v1/enrolment/passkey/verify',
  'POST /api/v1/enrolment/password',
  'POST /api/v1/enrolment/totp/start',
  'POST /api/v1/enrolment/totp/verify',
  'POST /api/v1/setup',
].sort();

const label = (r: RegisteredRoute) => `${r.method} ${r.url}`;

/** The route's URL with every path parameter replaced by a random uuid. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, () => randomUUID());
}

/** Calls a route as a browser would (same-site Origin, a JSON body for writes), optionally with a cookie. */
function call(t: TestEnv, route: RegisteredRoute, cookie?: string) {
  const writes = route.method !== 'GET';
  return t.app.inject({
    method: route.method as 'GET',
    url: concreteUrl(route.url),
    headers: { origin: t.origin },
    ...(cookie ? { cookies: { utvag_session: cookie } } : {}),
    ...(writes ? { payload: {} } : {}),
  });
}

async function passwordStageCookie(t: TestEnv, user: TestUser): Promise<string> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: t.origin },
    payload: { username: user.username, password: user.password },
  });
  expect(login.statusCode).toBe(200);
  return sessionCookie(login)!;
}

describe('every registered route is closed unless it is deliberately public', () => {
  let t: TestEnv;
  let routes: RegisteredRoute[];
  let nonPublic: RegisteredRoute[];
  let halfSignedIn: string;
  let fullySignedIn: string;

  beforeAll(async () => {
    t = await createTestEnv();
    routes = t.app.registeredRoutes;
    nonPublic = routes.filter((r) => r.auth !== 'public');
    const user = await createUser(t, { roles: ['coordinator'] });
    halfSignedIn = await passwordStageCookie(t, user);
    fullySignedIn = await signIn(t, user);
  });
  afterAll(async () => t.close());

  it('collects the routes from the server itself, API routes included', () => {
    expect(routes.length).toBeGreaterThan(20);
    const labels = routes.map(label);
    for (const known of [
      'GET /api/v1/me',
      'POST /api/v1/admin/users',
      'GET /api/v1/cases/:id',
      'POST /api/v1/auth/totp',
    ]) {
      expect(labels).toContain(known);
    }
  });

  it('has exactly the expected public routes and nothing else', () => {
    const publicRoutes = routes
      .filter((r) => r.auth === 'public')
      .map(label)
      .sort();
    expect(publicRoutes).toEqual(EXPECTED_PUBLIC);
  });

  it('treats a route that declares no auth level as needing a full sign-in (deny by default)', async () => {
    const app = await buildApp(t.deps);
    app.post('/api/v1/undeclared-test-route', async () => ({ reached: true }));
    await app.ready();
    try {
      const route = app.registeredRoutes.find((r) => r.url === '/api/v1/undeclared-test-route');
      expect(route?.auth).toBe('full');
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/undeclared-test-route',
        headers: { origin: t.origin },
        payload: {},
      });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.body).not.toContain('reached');
    } finally {
      await app.close();
    }
  });

  it('answers 401 on every non-public route without a session', async () => {
    expect(nonPublic.length).toBeGreaterThan(10);
    const answers = await Promise.all(nonPublic.map(async (r) => `${label(r)} → ${(await call(t, r)).statusCode}`));
    expect(answers).toEqual(nonPublic.map((r) => `${label(r)} → 401`));
  });

  it('answers 401 on every non-public route with a forged session cookie', async () => {
    const forged = 'A'.repeat(43);
    const answers = await Promise.all(
      nonPublic.map(async (r) => `${label(r)} → ${(await call(t, r, forged)).statusCode}`),
    );
    expect(answers).toEqual(nonPublic.map((r) => `${label(r)} → 401`));
  });

  it('answers 401 on every fully-signed-in route to a user who has only given the password', async () => {
    const full = routes.filter((r) => r.auth === 'full');
    expect(full.length).toBeGreaterThan(10);
    const answers = await Promise.all(
      full.map(async (r) => `${label(r)} → ${(await call(t, r, halfSignedIn)).statusCode}`),
    );
    expect(answers).toEqual(full.map((r) => `${label(r)} → 401`));
    // The half-open session is still alive: the 401s above came from the route level, not a dead cookie.
    const me = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/options',
      headers: { origin: t.origin },
      cookies: { utvag_session: halfSignedIn },
    });
    expect(me.statusCode).toBe(200);
  });

  it('refuses the second-factor routes to a session that is already fully signed in', async () => {
    const secondFactor = routes.filter((r) => r.auth === 'second_factor');
    expect(secondFactor.map(label)).toContain('POST /api/v1/auth/totp');
    const answers = await Promise.all(
      secondFactor.map(async (r) => `${label(r)} → ${(await call(t, r, fullySignedIn)).statusCode}`),
    );
    expect(answers).toEqual(secondFactor.map((r) => `${label(r)} → 401`));
  });

  it('serves nothing outside the documentation folder through the public static route', async () => {
    for (const url of [
      '/api/docs/static/../../../package.json',
      '/api/docs/static/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/api/docs/static/..%2f..%2f..%2fpackage.json',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('"dependencies"');
    }
  });

  it('does not let a session switch into a programme its user is not a member of', async () => {
    const stranger = await createUser(t, { roles: ['coordinator'] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/programme',
      headers: { origin: t.origin },
      cookies: { utvag_session: fullySignedIn },
      payload: { programmeId: stranger.programmeId },
    });
    expect(response.statusCode).toBe(404);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: fullySignedIn } });
    expect(me.json().programme.id).not.toBe(stranger.programmeId);
  });

  it('lists every /api/v1 route in /api/openapi.json', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    const api = routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => {
      const openapiPath = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      return !paths[openapiPath]?.[r.method.toLowerCase()];
    });
    expect(missing.map(label)).toEqual([]);
  });
});

describe('an administrator reaches no case route', () => {
  let t: TestEnv;
  let admin: TestUser;
  let cookie: string;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestEnv();
    admin = await createUser(t, { roles: ['administrator'] });
    cookie = await signIn(t, admin);
    // A real case in the administrator's own programme, with the administrator even on its team:
    // the strongest position an administrator could be put in.
    const su = new pg.Client({ connectionString: t.superuserUrl });
    await su.connect();
    try {
      const { rows } = await su.query<{ id: string }>(
        `insert into cases (programme_id, code, state, wrapped_key) values ($1, 'ADM-2025-0001', 'open', '\\x00') returning id`,
        [admin.programmeId],
      );
      caseId = rows[0]!.id;
      await su.query(
        'insert into case_team_members (case_id, programme_id, user_id, is_owner) values ($1, $2, $3, true)',
        [caseId, admin.programmeId, admin.id],
      );
    } finally {
      await su.end();
    }
  });
  afterAll(async () => t.close());

  it('gets 403 or 404, never a 2xx, on every /api/v1/cases route', async () => {
    const caseRoutes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/v1/cases'));
    expect(caseRoutes.length).toBeGreaterThanOrEqual(2);
    for (const route of caseRoutes) {
      for (const id of [caseId, randomUUID()]) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:[A-Za-z_]+/g, id),
          headers: { origin: t.origin },
          cookies: { utvag_session: cookie },
          ...(route.method !== 'GET' ? { payload: {} } : {}),
        });
        // A write with an empty body may be refused by its schema (422) before the service can say 403;
        // either way nothing is done and nothing is shown. Reads must be refused by authorization itself.
        const allowed = route.method === 'GET' ? [403, 404] : [403, 404, 422];
        expect(allowed, `${label(route)} with ${id === caseId ? 'a real case' : 'a random id'}`).toContain(
          response.statusCode,
        );
        expect(response.body).not.toContain('ADM-2025-0001');
      }
    }
  });
});

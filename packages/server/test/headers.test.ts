import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, createUser, signIn, type TestEnv } from './harness.ts';

type Headers = Record<string, string | string[] | number | undefined>;

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    map.set(name!.toLowerCase(), values);
  }
  return map;
}

function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, `${what}: CSP`).not.toBe('');
  const d = directives(csp);
  const scriptSrc = d.get('script-src') ?? d.get('default-src');
  expect(scriptSrc, `${what}: script-src`).toBeDefined();
  expect(scriptSrc, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${what}: script-src`).not.toContain("'unsafe-eval'");
  expect(d.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(headers['referrer-policy'], `${what}: referrer-policy`).toBe('no-referrer');
}

describe('security headers on every response', () => {
  let t: TestEnv;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestEnv();
    cookie = await signIn(t, await createUser(t, { roles: ['coordinator'] }));
  });
  afterAll(async () => t.close());

  const requests: { what: string; method: 'GET' | 'POST'; url: string; signedIn?: boolean; api: boolean }[] = [
    { what: 'a signed-in API answer', method: 'GET', url: '/api/v1/me', signedIn: true, api: true },
    { what: 'an API 401', method: 'GET', url: '/api/v1/me', api: true },
    { what: 'an API 404', method: 'GET', url: '/api/v1/no-such-thing', api: true },
    { what: 'the OpenAPI document', method: 'GET', url: '/api/openapi.json', api: true },
    { what: 'the API documentation page', method: 'GET', url: '/api/docs', api: true },
    { what: '/healthz', method: 'GET', url: '/healthz', api: false },
    { what: '/readyz', method: 'GET', url: '/readyz', api: false },
    { what: 'a page that does not exist', method: 'GET', url: '/no/such/page', api: false },
  ];

  for (const r of requests) {
    it(`sets a strict CSP, frame-ancestors 'none', nosniff and no-referrer on ${r.what}`, async () => {
      const response = await t.app.inject({
        method: r.method,
        url: r.url,
        ...(r.signedIn ? { cookies: { utvag_session: cookie } } : {}),
      });
      expectSecurityHeaders(response.headers, r.what);
      if (r.api) expect(response.headers['cache-control'], r.what).toContain('no-store');
    });
  }

  it('sets them on a refused cross-site write too', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expectSecurityHeaders(response.headers, 'a CSRF refusal');
    expect(response.headers['cache-control']).toContain('no-store');
  });

  it('forbids caching of a signed-in API answer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('malformed input', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('answers malformed JSON with 400, not 500, and no internals', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: t.origin, 'content-type': 'application/json' },
      payload: '{"username": "a", "password": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.messageKey).toBe('errors.bad_request');
    expect(response.body).not.toMatch(/SyntaxError|at .*\.js|Unexpected end/);
  });

  it('answers an unsupported content type with 415, not 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: t.origin, 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(response.statusCode).toBe(415);
  });

  it('answers an oversized body with 413, not 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: t.origin, 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
  });
});

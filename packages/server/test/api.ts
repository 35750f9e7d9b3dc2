import type { TestEnv } from './harness.ts';
import { superQuery } from './support.ts';

// The one request helper of the server tests: every call goes through the real routes with the
// browser's Origin header (the CSRF check wants it) and, when given, a session cookie.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A session cookie value, or null for an anonymous request. */
export type Cookie = string | null | undefined;

/** Request helpers bound to a test environment: `api(t).post(cookie, url, body)`. */
export function api(t: Pick<TestEnv, 'app' | 'origin'>) {
  const send = (method: Method, cookie: Cookie, url: string, payload?: unknown, remoteAddress?: string) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.origin },
      ...(cookie ? { cookies: { utvag_session: cookie } } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  return {
    send,
    get: (cookie: Cookie, url: string) => send('GET', cookie, url),
    post: (cookie: Cookie, url: string, payload: unknown = {}) => send('POST', cookie, url, payload),
    put: (cookie: Cookie, url: string, payload: unknown = {}) => send('PUT', cookie, url, payload),
    patch: (cookie: Cookie, url: string, payload: unknown = {}) => send('PATCH', cookie, url, payload),
    delete: (cookie: Cookie, url: string) => send('DELETE', cookie, url),
    /** Runs one statement as the superuser on the test's database (outside row-level security). */
    sql: <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
      superQuery<T>(t as TestEnv, text, values),
  };
}

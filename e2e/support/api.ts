import type { BrowserContext } from 'playwright-core';
import { freshTotp, type TotpUser } from './totp.ts';

/**
 * The product's HTTP API as a client program uses it: JSON, the session cookie the server sets,
 * and the Origin header every state-changing request must carry (CSRF). For setting up a test
 * installation faster than through the screens the foundation test already covers, and for
 * asking the server directly what a role may reach. Everything goes through the app's own
 * routes, so its login role, row-level security and authorisation all apply.
 */
export class ApiSession {
  cookie: string | null = null;
  readonly origin: string;
  /** Sent with every request (e.g. the scale-out test's `x-test-instance`, which picks an instance behind nginx). */
  readonly headers: Record<string, string>;

  constructor(origin: string, headers: Record<string, string> = {}) {
    this.origin = origin;
    this.headers = headers;
  }

  /** The same signed-in session, sent with other headers (through another instance). */
  with(headers: Record<string, string>): ApiSession {
    const other = new ApiSession(this.origin, headers);
    other.cookie = this.cookie;
    return other;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: unknown }> {
    const headers: Record<string, string> = { ...this.headers, accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') headers.origin = this.origin;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `utvag_session=${this.cookie}`;
    const response = await fetch(new URL(path, this.origin), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const match = /^utvag_session=([^;]*)/.exec(line);
      if (match) this.cookie = match[1] === '' ? null : match[1]!;
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }

  /** A request that must succeed; fails with the server's answer otherwise. */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.request(method, path, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.status}: ${r.text}`);
    return r.json as T;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.ok<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.ok<T>('POST', path, body ?? {});
  }

  /** Puts this session into a browser context, so the person's browser is signed in as well. */
  async shareWith(context: BrowserContext): Promise<void> {
    if (!this.cookie) throw new Error('not signed in');
    await context.addCookies([
      { name: 'utvag_session', value: this.cookie, url: this.origin, httpOnly: true, secure: true, sameSite: 'Strict' },
    ]);
  }
}

/** Signs in with password + TOTP through the API. */
export async function apiSignIn(
  origin: string,
  user: TotpUser,
  headers: Record<string, string> = {},
): Promise<ApiSession> {
  const session = new ApiSession(origin, headers);
  await session.post('/api/v1/auth/login', { username: user.username, password: user.password });
  await session.post('/api/v1/auth/totp', { code: await freshTotp(user) });
  return session;
}

/** The token in a one-time link's fragment (`…#token=…`). */
export function tokenOf(link: string): string {
  const token = new URL(link).hash.replace(/^#token=/, '');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Enrols a user from their one-time token as the enrolment screens do: password, then TOTP. */
export async function apiEnrolWithTotp(
  origin: string,
  token: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<TotpUser> {
  const anonymous = new ApiSession(origin, headers);
  await anonymous.ok('POST', '/api/v1/enrolment/password', { token, password });
  const { secret } = await anonymous.post<{ secret: string }>('/api/v1/enrolment/totp/start', { token });
  const user: TotpUser = { username, password, secret, lastStep: 0 };
  await anonymous.post('/api/v1/enrolment/totp/verify', { token, code: await freshTotp(user) });
  return user;
}

/**
 * The enrolment link of an invited user: shown to the administrator for a role that reads no
 * case; otherwise the operator confirms the case-reading role at the machine
 * (`./utvag admin confirm-member`, the bootstrap of a programme with no coordinator yet) and the
 * command prints the link (decision 010).
 */
export async function enrolmentLinkOf(
  product: { cli: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }> },
  invited: { enrolmentUrl?: string; awaitingConfirmation: boolean },
  username: string,
): Promise<string> {
  if (!invited.awaitingConfirmation && invited.enrolmentUrl) return invited.enrolmentUrl;
  const run = await product.cli(['admin', 'confirm-member', username]);
  if (run.code !== 0) throw new Error(`confirm-member ${username} failed (${run.code}): ${run.stderr}`);
  const link = /https?:\/\/\S+\/enrol#token=[A-Za-z0-9_-]+/.exec(run.stdout)?.[0];
  if (!link) throw new Error(`confirm-member printed no link: ${run.stdout}`);
  return link;
}

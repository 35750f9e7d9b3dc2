import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { issueRecoveryCodes } from '../src/modules/auth/second-factor.ts';
import { createTestEnv, createUser, sessionCookie, signIn, totpNow, type TestEnv } from './harness.ts';
import { api } from './api.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => t.close());

/** A fresh client address per test, so the per-address throttle of one test never touches another. */
let addressCounter = 0;
const freshAddress = () => `10.1.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

function sql<T extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return api(t).sql<T>(text, values);
}

function login(username: string, password: string, options: { address?: string; cookie?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: t.origin },
    payload: { username, password },
    remoteAddress: options.address ?? '127.0.0.1',
    ...(options.cookie ? { cookies: { utvag_session: options.cookie } } : {}),
  });
}

function secondFactor(path: 'totp' | 'recovery', cookie: string, code: string, address = '127.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/auth/${path}`,
    headers: { origin: t.origin },
    cookies: { utvag_session: cookie },
    payload: { code },
    remoteAddress: address,
  });
}

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } });

/** A six-digit code that is not the current one (nor the neighbours the clock-drift window accepts). */
function wrongCode(secret: string): string {
  const valid = new Set([-30, 0, 30].map((o) => totpNow(secret, o)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe('password step: no user enumeration', () => {
  it('answers an unknown user, a wrong password, an invited and a deactivated user byte-identically', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const deactivated = await createUser(t, { roles: ['coordinator'] });
    await sql(`update users set status = 'deactivated' where id = $1`, [deactivated.id]);
    const invited = await createUser(t, { roles: ['coordinator'] });
    await sql(`update users set status = 'invited', password_hash = null where id = $1`, [invited.id]);

    const unknown = await login(`nobody.${randomUUID().slice(0, 8)}`, 'whatever password 1', {
      address: freshAddress(),
    });
    const wrong = await login(user.username, 'not the password at all', { address: freshAddress() });
    const inactive = await login(deactivated.username, deactivated.password, { address: freshAddress() });
    const notEnrolled = await login(invited.username, 'any password at all', { address: freshAddress() });

    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.messageKey).toBe('errors.invalid_credentials');
    for (const other of [wrong, inactive, notEnrolled]) {
      expect(other.statusCode).toBe(unknown.statusCode);
      expect(other.rawPayload.equals(unknown.rawPayload)).toBe(true);
      expect(other.headers['content-type']).toBe(unknown.headers['content-type']);
      expect(sessionCookie(other)).toBeUndefined();
    }
  });

  it('spends about as long on an unknown user as on a wrong password', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const time = async (username: string) => {
      const start = performance.now();
      await login(username, 'a wrong password here', { address: freshAddress() });
      return performance.now() - start;
    };
    await time(`warm.${randomUUID().slice(0, 8)}`);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(user.username));
      unknown.push(await time(`ghost.${randomUUID().slice(0, 8)}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Both run a full argon2id verification; skipping it for unknown users would make these differ ~10×.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(unknown)).toBeLessThan(median(known) * 2);
  });
});

describe('lockout and throttling', () => {
  it('locks an account after 5 failures, refusing even the right password (423 errors.account_locked)', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    for (let i = 0; i < 5; i++) {
      const r = await login(user.username, `wrong password ${i}!`, { address: freshAddress() });
      expect(r.statusCode).toBe(401);
    }
    const right = await login(user.username, user.password, { address: freshAddress() });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.messageKey).toBe('errors.account_locked');
    expect(sessionCookie(right)).toBeUndefined();
  });

  it('locks an unknown username exactly as it locks a real one (no enumeration through lockout)', async () => {
    const real = await createUser(t, { roles: ['coordinator'] });
    const ghost = `ghost.${randomUUID().slice(0, 8)}`;
    const answers: Record<string, { statusCode: number; body: string }[]> = { real: [], ghost: [] };
    for (const [kind, username] of [
      ['real', real.username],
      ['ghost', ghost],
    ] as const) {
      for (let i = 0; i < 6; i++) {
        const r = await login(username, `wrong password ${i}!`, { address: freshAddress() });
        answers[kind]!.push({ statusCode: r.statusCode, body: r.body });
      }
    }
    expect(answers.ghost).toEqual(answers.real);
    expect(answers.real!.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 423]);
  });

  it('counts wrong second-factor codes toward the lockout, so a stolen password cannot brute-force TOTP', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const address = freshAddress();
    const pending = sessionCookie(await login(user.username, user.password, { address }))!;
    for (let i = 0; i < 5; i++) {
      const r = await secondFactor('totp', pending, wrongCode(user.totpSecret), address);
      expect(r.statusCode).toBe(401);
    }
    const right = await secondFactor('totp', pending, totpNow(user.totpSecret), address);
    expect(right.statusCode).toBe(423);
    expect((await login(user.username, user.password, { address: freshAddress() })).statusCode).toBe(423);
  });

  it('unlocks the account once the lockout has passed', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    for (let i = 0; i < 5; i++) await login(user.username, `wrong password ${i}!`, { address: freshAddress() });
    expect((await login(user.username, user.password, { address: freshAddress() })).statusCode).toBe(423);
    await sql(
      `update sign_in_throttle set locked_until = now() - interval '1 second' where locked_until is not null and key like 'account:%'`,
    );
    expect((await login(user.username, user.password, { address: freshAddress() })).statusCode).toBe(200);
  });

  it('throttles one address after 20 failures across different usernames (429), but not other addresses', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const sprayer = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await login(`spray.${i}.${randomUUID().slice(0, 6)}`, 'Summer2024!Summer', { address: sprayer })).statusCode,
      );
    }
    expect(statuses).toEqual(Array(20).fill(401));
    const next = await login(user.username, user.password, { address: sprayer });
    expect(next.statusCode).toBe(429);
    expect(sessionCookie(next)).toBeUndefined();
    // A forwarded-for header the client makes up does not give it a new address.
    const spoofed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: t.origin, 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' },
      payload: { username: user.username, password: user.password },
      remoteAddress: sprayer,
    });
    expect(spoofed.statusCode).toBe(429);
    expect((await login(user.username, user.password, { address: freshAddress() })).statusCode).toBe(200);
  });
});

describe('second factor', () => {
  it('never accepts the same TOTP code twice, nor an older one after a newer', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const code = totpNow(user.totpSecret);
    const first = sessionCookie(await login(user.username, user.password))!;
    expect((await secondFactor('totp', first, code)).statusCode).toBe(200);

    const second = sessionCookie(await login(user.username, user.password))!;
    const replay = await secondFactor('totp', second, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.messageKey).toBe('errors.invalid_code');
    expect((await me(second)).statusCode).toBe(401);
    const older = await secondFactor('totp', second, totpNow(user.totpSecret, -30));
    expect(older.statusCode).toBe(401);
  });

  it('accepts a recovery code once, and never again', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const codes = await withTransaction(t.database.db, {}, (tx) => issueRecoveryCodes(tx, user.id));
    const first = sessionCookie(await login(user.username, user.password))!;
    const used = await secondFactor('recovery', first, codes[0]!.toLowerCase());
    expect(used.statusCode).toBe(200);
    expect((await me(sessionCookie(used)!)).statusCode).toBe(200);

    const second = sessionCookie(await login(user.username, user.password))!;
    const again = await secondFactor('recovery', second, codes[0]!);
    expect(again.statusCode).toBe(401);
    expect((await secondFactor('recovery', second, codes[1]!)).statusCode).toBe(200);
  });

  it('refuses a garbage passkey assertion with 401 (not 500) and counts it as a failure', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const pending = sessionCookie(await login(user.username, user.password))!;
    const options = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/options',
      headers: { origin: t.origin },
      cookies: { utvag_session: pending },
    });
    expect(options.statusCode).toBe(200);
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey/verify',
      headers: { origin: t.origin },
      cookies: { utvag_session: pending },
      payload: {
        response: {
          id: 'Z2FyYmFnZQ',
          rawId: 'Z2FyYmFnZQ',
          type: 'public-key',
          response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
          clientExtensionResults: {},
        },
      },
    });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.json().error.messageKey).toBe('errors.invalid_code');
    expect((await me(pending)).statusCode).toBe(401);
    const rows = await sql<{ n: number }>(
      `select count(*)::int as n from audit_log where actor_user_id = $1 and action = 'auth:sign_in' and outcome = 'failure'`,
      [user.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses TOTP where the programme requires phishing-resistant sign-in (403 errors.totp_not_allowed)', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    await sql('update programmes set require_phishing_resistant = true where id = $1', [user.programmeId]);
    const step1 = await login(user.username, user.password);
    expect(step1.json().methods).not.toContain('totp');
    const pending = sessionCookie(step1)!;
    const refused = await secondFactor('totp', pending, totpNow(user.totpSecret));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.messageKey).toBe('errors.totp_not_allowed');
    expect(sessionCookie(refused)).toBeUndefined();
    expect((await me(pending)).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('makes session fixation impossible: every step issues a new cookie and the old ones die', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    // The attacker plants a cookie: first a made-up value, then a real, fully signed-in session.
    const planted = 'attacker-chosen-session-value-0123456789abc';
    const step1 = await login(user.username, user.password, { cookie: planted });
    const afterPassword = sessionCookie(step1)!;
    expect(afterPassword).toBeDefined();
    expect(afterPassword).not.toBe(planted);
    const step2 = await secondFactor('totp', afterPassword, totpNow(user.totpSecret));
    const afterSecondFactor = sessionCookie(step2)!;
    expect(afterSecondFactor).toBeDefined();
    expect(afterSecondFactor).not.toBe(afterPassword);
    expect((await me(afterSecondFactor)).statusCode).toBe(200);
    expect((await me(afterPassword)).statusCode).toBe(401);
    expect((await me(planted)).statusCode).toBe(401);
    // The half-open cookie cannot be used to finish a sign-in a second time either.
    expect((await secondFactor('totp', afterPassword, totpNow(user.totpSecret, 30))).statusCode).toBe(401);

    // Signing in again over a live session replaces it: the cookie sent along is dead afterwards.
    const again = await login(user.username, user.password, { cookie: afterSecondFactor });
    const replacement = sessionCookie(again)!;
    expect(replacement).not.toBe(afterSecondFactor);
    expect((await me(afterSecondFactor)).statusCode).toBe(401);
    const [row] = await sql<{ n: number }>(
      'select count(*)::int as n from sessions where user_id = $1 and ended_at is null',
      [user.id],
    );
    expect(row!.n).toBe(1);
  });

  it('ends a session idle for more than 15 minutes, but not one idle for 14', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const cookie = await signIn(t, user);
    await sql(`update sessions set last_seen_at = now() - interval '14 minutes' where user_id = $1`, [user.id]);
    expect((await me(cookie)).statusCode).toBe(200);
    await sql(`update sessions set last_seen_at = now() - interval '16 minutes' where user_id = $1`, [user.id]);
    const idle = await me(cookie);
    expect(idle.statusCode).toBe(401);
    await sql(`update sessions set last_seen_at = now() where user_id = $1`, [user.id]);
    expect((await me(cookie)).statusCode).toBe(401);
    const [row] = await sql<{ ended_reason: string }>('select ended_reason from sessions where user_id = $1', [
      user.id,
    ]);
    expect(row!.ended_reason).toBe('idle');
  });

  it('ends a session 12 hours after it began, however active it is', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const cookie = await signIn(t, user);
    await sql(
      `update sessions set created_at = now() - interval '11 hours 50 minutes', last_seen_at = now() where user_id = $1`,
      [user.id],
    );
    expect((await me(cookie)).statusCode).toBe(200);
    await sql(`update sessions set created_at = now() - interval '13 hours', last_seen_at = now() where user_id = $1`, [
      user.id,
    ]);
    expect((await me(cookie)).statusCode).toBe(401);
    const [row] = await sql<{ ended_reason: string }>('select ended_reason from sessions where user_id = $1', [
      user.id,
    ]);
    expect(row!.ended_reason).toBe('absolute');
  });

  it('gives a half-finished sign-in five minutes from the password, even if it keeps being touched', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const pending = sessionCookie(await login(user.username, user.password))!;
    await sql(
      `update sessions set created_at = now() - interval '6 minutes', last_seen_at = now() where user_id = $1`,
      [user.id],
    );
    expect((await secondFactor('totp', pending, totpNow(user.totpSecret))).statusCode).toBe(401);
  });

  it('ends the session on the server at sign-out: the same cookie replayed gets 401', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const cookie = await signIn(t, user);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
    const [row] = await sql<{ ended_reason: string }>('select ended_reason from sessions where user_id = $1', [
      user.id,
    ]);
    expect(row!.ended_reason).toBe('sign_out');
  });

  it('ends every session of the user at "sign out everywhere", and nobody else’s', async () => {
    const user = await createUser(t, { roles: ['coordinator'] });
    const bystander = await createUser(t, { roles: ['coordinator'] });
    const laptop = await signIn(t, user);
    await sql('update users set totp_last_step = null where id = $1', [user.id]);
    const phone = await signIn(t, user);
    const theirs = await signIn(t, bystander);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: { origin: t.origin },
      cookies: { utvag_session: phone },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(theirs)).statusCode).toBe(200);
  });
});

describe('the audit log of sign-ins', () => {
  it('records failed and successful sign-ins without the username or password anywhere', async () => {
    const marker = randomUUID().slice(0, 8);
    const user = await createUser(t, { roles: ['coordinator'], username: `audited.${marker}` });
    const wrongPassword = `Wrong-${marker}-password`;
    const ghost = `ghost.${marker}`;
    const [{ max: before } = { max: 0 }] = await sql<{ max: number }>(
      'select coalesce(max(seq), 0)::int as max from audit_log',
    );

    await login(ghost, wrongPassword, { address: freshAddress() });
    await login(user.username, wrongPassword, { address: freshAddress() });
    await signIn(t, user, freshAddress());

    const rows = await sql<{ action: string; outcome: string; actor_user_id: string | null; row: string }>(
      'select action, outcome, actor_user_id, row_to_json(a)::text as row from audit_log a where seq > $1 order by seq',
      [before],
    );
    const signIns = rows.filter((r) => r.action === 'auth:sign_in');
    expect(signIns.map((r) => [r.outcome, r.actor_user_id])).toEqual([
      ['failure', null],
      ['failure', user.id],
      ['success', user.id],
    ]);
    for (const r of rows) {
      for (const secret of [marker, user.password, wrongPassword, ghost, user.username]) {
        expect(r.row).not.toContain(secret);
      }
    }
    // The throttle table is keyed by HMACs: no username or address in clear there either.
    const throttle = await sql<{ key: string }>('select key from sign_in_throttle');
    expect(throttle.length).toBeGreaterThan(0);
    for (const { key } of throttle) {
      expect(key).not.toContain(marker);
      expect(key).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
    }
  });
});

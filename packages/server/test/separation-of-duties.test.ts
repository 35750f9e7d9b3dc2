import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { createTestEnv, createUser, sessionCookie, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';
import { api } from './api.ts';

const PASSWORD = 'a long and uncommon passphrase';

/**
 * The insider's path to case contents that issue 14 found: an administrator creates a
 * coordinator, enrols it with their own authenticator, signs in and breaks the glass.
 */
describe('separation of duties: an administrator alone never reaches a case', () => {
  let t: TestEnv;
  let smtp: SmtpPeer;
  /** The raw source of every message the SMTP peer received. */
  const mails = () => smtp.mails.map((m) => m.raw);
  let admin: TestUser;
  let adminCookie: string;
  let coordinator: TestUser;
  let coordinatorCookie: string;
  let caseId: string;

  // The suite's request helper (api.ts), with the cookie last as these tests pass it.
  const post = (url: string, payload: object, cookie?: string) => api(t).post(cookie, url, payload);
  const sql = (text: string, values: unknown[] = []) => api(t).sql(text, values);
  const trail = async (userId: string) =>
    (
      await sql(
        `select action, outcome from audit_log
          where record_id = $1 or actor_user_id::text = $1 or (record_id = $2 and action = 'case:break_glass')
          order by seq`,
        [userId, caseId],
      )
    ).map((r) => `${r.action}:${r.outcome}`);
  const invite = (roles: string[], email?: string) =>
    post(
      '/api/v1/admin/users',
      {
        username: `insider.${randomUUID().slice(0, 8)}`,
        displayName: 'Ny samordnare',
        organisationId: admin.organisationId,
        roles,
        ...(email ? { email } : {}),
      },
      adminCookie,
    );

  /** Enrols with TOTP through the public routes, then signs in; returns the session cookie. */
  async function enrolAndSignIn(token: string, username: string): Promise<string> {
    expect((await post('/api/v1/enrolment/password', { token, password: PASSWORD })).statusCode).toBe(204);
    const { secret } = (await post('/api/v1/enrolment/totp/start', { token })).json() as { secret: string };
    expect((await post('/api/v1/enrolment/totp/verify', { token, code: totpNow(secret) })).statusCode).toBe(200);
    const login = await post('/api/v1/auth/login', { username, password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const second = await post('/api/v1/auth/totp', { code: totpNow(secret, 30) }, sessionCookie(login));
    expect(second.statusCode, second.body).toBe(200);
    return sessionCookie(second)!;
  }

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestEnv({ UTVAG_SMTP_URL: smtp.url });
    admin = await createUser(t, { roles: ['administrator'] });
    adminCookie = await signIn(t, admin);
    coordinator = await createUser(t, { roles: ['coordinator'], programmeId: admin.programmeId });
    coordinatorCookie = await signIn(t, coordinator);
    caseId = (
      await withTransaction(t.database.db, { programmeId: admin.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: admin.programmeId,
          code: 'SD-2026-0001',
          state: 'inquiry',
          identity: { name: 'Skyddad Person', personnummer: '19900101-0017' },
          teamUserIds: [coordinator.id],
          ownerUserId: coordinator.id,
        }),
      )
    ).caseId;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('gives the administrator no enrolment link for a new coordinator, and the role grants nothing until confirmed', async () => {
    const invited = await invite(['coordinator']);
    expect(invited.statusCode, invited.body).toBe(200);
    const body = invited.json();
    expect(body).toMatchObject({ awaitingConfirmation: true, user: { roles: [], pendingRoles: ['coordinator'] } });
    expect(body.enrolmentUrl).toBeUndefined();
    expect(invited.body).not.toContain('#token=');
    // No link exists at all yet: nothing to intercept.
    expect(await sql('select 1 from enrolment_tokens where user_id = $1', [body.user.id])).toEqual([]);
    expect(await sql('select 1 from memberships where user_id = $1', [body.user.id])).toEqual([]);

    // The administrator cannot fetch one some other way either.
    const reset = await post(`/api/v1/admin/users/${body.user.id}/reset-second-factor`, {}, adminCookie);
    expect(reset.statusCode).toBe(409);
    expect(reset.json().error.messageKey).toBe('errors.link_not_for_admin');
    const selfConfirm = await post(`/api/v1/members/pending/${body.user.id}/confirm`, {}, adminCookie);
    expect(selfConfirm.statusCode).toBe(403);
    const pendingForAdmin = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members/pending',
      cookies: { utvag_session: adminCookie },
    });
    expect(pendingForAdmin.statusCode).toBe(403);
    expect(await sql('select 1 from enrolment_tokens where user_id = $1', [body.user.id])).toEqual([]);
    expect(await trail(body.user.id)).toEqual(['user:invite:success', 'member:request:success']);
  });

  it('adding a case-reading role to an existing account waits for confirmation too, and keeps the roles it had', async () => {
    const invited = (await invite(['management'])).json();
    expect(invited.awaitingConfirmation).toBe(false);
    expect(invited.enrolmentUrl).toContain('#token=');
    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${invited.user.id}/roles`,
      headers: { origin: t.origin },
      cookies: { utvag_session: adminCookie },
      payload: { roles: ['management', 'coordinator'] },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().user).toMatchObject({ roles: ['management'], pendingRoles: ['coordinator'] });
    expect(await sql('select role from memberships where user_id = $1', [invited.user.id])).toEqual([
      { role: 'management' },
    ]);
  });

  it('lets a coordinator of the programme turn a pending role down, audited', async () => {
    const invited = (await invite(['coach'])).json();
    const rejected = await post(`/api/v1/members/pending/${invited.user.id}/reject`, {}, coordinatorCookie);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await sql('select 1 from pending_memberships where user_id = $1', [invited.user.id])).toEqual([]);
    expect(await sql('select 1 from memberships where user_id = $1', [invited.user.id])).toEqual([]);
    expect(await trail(invited.user.id)).toContain('member:reject:success');
  });

  it('refuses the attack end to end: even with the link e-mailed to the administrator’s own address after a careless confirmation, the new coordinator cannot break the glass', async () => {
    const adminsOwnAddress = `admin.${randomUUID().slice(0, 6)}@example.test`;
    const invited = (await invite(['coordinator'], adminsOwnAddress)).json();
    const username = invited.user.username as string;

    // A coordinator confirms; the link goes by e-mail to the address on the account, not to the screen.
    const pending = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members/pending',
      cookies: { utvag_session: coordinatorCookie },
    });
    expect(pending.json().members.map((m: { userId: string }) => m.userId)).toContain(invited.user.id);
    const confirmed = await post(`/api/v1/members/pending/${invited.user.id}/confirm`, {}, coordinatorCookie);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ delivery: 'email' });
    await expect.poll(() => mails().find((m) => m.includes(adminsOwnAddress)), { timeout: 5000 }).toBeTruthy();
    const mail = mails()
      .find((m) => m.includes(adminsOwnAddress))!
      .replace(/=\r?\n/g, '')
      .replaceAll('=3D', '=');
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail)![1]!;

    // The administrator enrols the account with their own authenticator and signs in as it.
    const insiderCookie = await enrolAndSignIn(token, username);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: insiderCookie } });
    expect(me.json().roles).toEqual(['coordinator']);

    // Break-the-glass: refused, the role is days too young; the same answer for a random id.
    const attempt = await post(
      `/api/v1/cases/${caseId}/break-glass`,
      { reason: 'Måste se ärendet nu i natt' },
      insiderCookie,
    );
    expect(attempt.statusCode).toBe(403);
    expect(attempt.json().error.messageKey).toBe('errors.break_glass_role_too_new');
    const random = await post(
      `/api/v1/cases/${randomUUID()}/break-glass`,
      { reason: 'Måste se ärendet nu i natt' },
      insiderCookie,
    );
    expect([random.statusCode, random.json()]).toEqual([attempt.statusCode, attempt.json()]);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      cookies: { utvag_session: insiderCookie },
    });
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('Skyddad');
    expect(await sql('select 1 from break_glass_grants where case_id = $1', [caseId])).toEqual([]);

    // Every step is in the log, the refused break-the-glass included.
    const steps = await trail(invited.user.id);
    for (const step of [
      'user:invite:success',
      'member:request:success',
      'member:confirm:success',
      'user:enrolment_link:success',
      'user:enrolled:success',
      'auth:sign_in:success',
      'case:break_glass:denied',
    ]) {
      expect(steps).toContain(step);
    }
  });

  it('lets the same coordinator break the glass once the role has aged past the programme’s period', async () => {
    const seasoned = await createUser(t, { roles: ['coordinator'], programmeId: admin.programmeId });
    const cookie = await signIn(t, seasoned);
    const opened = await post(`/api/v1/cases/${caseId}/break-glass`, { reason: 'Ägaren nås inte i natt' }, cookie);
    expect(opened.statusCode, opened.body).toBe(200);
    await sql('update programmes set break_glass_min_role_days = 60 where id = $1', [admin.programmeId]);
    const other = await createUser(t, { roles: ['coordinator'], programmeId: admin.programmeId });
    const tooNew = await post(
      `/api/v1/cases/${caseId}/break-glass`,
      { reason: 'Ägaren nås inte i natt' },
      await signIn(t, other),
    );
    expect(tooNew.statusCode).toBe(403);
    await sql('update programmes set break_glass_min_role_days = 7 where id = $1', [admin.programmeId]);
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsersForOperator, resetSecondFactorByOperator } from '../src/modules/admin/operator.service.ts';
import { issueSetupLinkIfNeeded } from '../src/modules/auth/enrolment.service.ts';
import { createTestEnv, createUser, sessionCookie, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';
import { api } from './api.ts';

const RECOVERY_CODE_FORMAT = /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/;
const GOOD_PASSWORD = 'a long and uncommon passphrase';

function sql<T extends pg.QueryResultRow = Record<string, unknown>>(
  t: TestEnv,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return api(t).sql<T>(text, values);
}

/** The one-time token of a link; it must ride in the fragment, which browsers never send to a server. */
function tokenOf(link: string): string {
  const url = new URL(link);
  expect(url.search).toBe('');
  expect(url.hash).toMatch(/^#token=[A-Za-z0-9_-]{20,}$/);
  return url.hash.slice('#token='.length);
}

/** The suite's request helper (api.ts), with the cookie last as these tests pass it. */
function post(t: TestEnv, url: string, payload: object, cookie?: string) {
  return api(t).post(cookie, url, payload);
}

/** Sets the password and enrols TOTP through the public routes; returns the TOTP secret and recovery codes. */
async function enrolWithTotp(t: TestEnv, token: string, options: { password?: boolean } = {}) {
  if (options.password !== false) {
    expect((await post(t, '/api/v1/enrolment/password', { token, password: GOOD_PASSWORD })).statusCode).toBe(204);
  }
  const start = await post(t, '/api/v1/enrolment/totp/start', { token });
  expect(start.statusCode).toBe(200);
  const { secret, otpauthUri } = start.json() as { secret: string; otpauthUri: string };
  expect(otpauthUri).toContain(`secret=${secret}`);
  const verify = await post(t, '/api/v1/enrolment/totp/verify', { token, code: totpNow(secret) });
  expect(verify.statusCode).toBe(200);
  return { secret, recoveryCodes: verify.json().recoveryCodes as string[] };
}

/** Signs in with password and a TOTP code from the next time step (the enrolment used the current one). */
async function signInWithTotp(t: TestEnv, username: string, password: string, secret: string, offset = 30) {
  const login = await post(t, '/api/v1/auth/login', { username, password });
  if (login.statusCode !== 200) return { status: login.statusCode, cookie: undefined, body: login.json() };
  const totp = await post(t, '/api/v1/auth/totp', { code: totpNow(secret, offset) }, sessionCookie(login));
  return { status: totp.statusCode, cookie: sessionCookie(totp), body: totp.json() };
}

const setupBody = (token: string, username = 'first.admin') => ({
  token,
  programmeName: 'Exitprogrammet Syd',
  programmeCode: 'SYD',
  organisationName: 'Polisregion Syd',
  organisationKind: 'police',
  username,
  displayName: 'First Administrator',
});

describe('first-run setup', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('creates the first administrator through a one-time link, enrols TOTP with a password policy, and signs in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json().needsSetup).toBe(true);
    const superseded = tokenOf((await issueSetupLinkIfNeeded(t.deps))!);
    const link = (await issueSetupLinkIfNeeded(t.deps))!;
    expect(link).toMatch(/\/setup#token=/);
    const setupToken = tokenOf(link);

    // Issuing a new link retires the older one.
    const old = await post(t, '/api/v1/setup', setupBody(superseded));
    expect(old.statusCode).toBe(404);
    expect(old.json().error.messageKey).toBe('errors.token_invalid');

    const setup = await post(t, '/api/v1/setup', setupBody(setupToken));
    expect(setup.statusCode).toBe(200);
    const token = setup.json().enrolmentToken as string;

    const inspect = await post(t, '/api/v1/enrolment/inspect', { token });
    expect(inspect.json()).toMatchObject({
      username: 'first.admin',
      purpose: 'setup',
      passwordRequired: true,
      totpAllowed: true,
    });

    const tooShort = await post(t, '/api/v1/enrolment/password', { token, password: 'short pw' });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json().error.messageKey).toBe('errors.password_too_short');
    const common = await post(t, '/api/v1/enrolment/password', { token, password: '1qaz2wsx3edc' });
    expect(common.statusCode).toBe(422);
    expect(common.json().error.messageKey).toBe('errors.password_common');
    const [pending] = await sql<{ password_hash: string | null; status: string }>(
      t,
      'select password_hash, status from users',
    );
    expect(pending).toEqual({ password_hash: null, status: 'invited' });

    const { secret, recoveryCodes } = await enrolWithTotp(t, token);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(RECOVERY_CODE_FORMAT);

    const signedIn = await signInWithTotp(t, 'first.admin', GOOD_PASSWORD, secret);
    expect(signedIn.status).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: signedIn.cookie! } });
    expect(me.json().roles).toEqual(['administrator']);

    // Everything is one-time: the setup link, the enrolment link.
    expect((await post(t, '/api/v1/setup', setupBody(setupToken, 'second.admin'))).statusCode).toBe(404);
    const reused = await post(t, '/api/v1/enrolment/totp/start', { token });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().error.messageKey).toBe('errors.token_invalid');
    expect(await issueSetupLinkIfNeeded(t.deps)).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json().needsSetup).toBe(false);
    const [{ n }] = (await sql<{ n: number }>(t, 'select count(*)::int as n from users')) as [{ n: number }];
    expect(n).toBe(1);
  });
});

describe('setup links that must not work', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('refuses a setup link once a user exists, even one issued before', async () => {
    const link = (await issueSetupLinkIfNeeded(t.deps))!;
    await createUser(t, { roles: ['administrator'] });
    const response = await post(t, '/api/v1/setup', setupBody(tokenOf(link), 'intruder'));
    expect(response.statusCode).toBe(404);
    expect(response.json().error.messageKey).toBe('errors.token_invalid');
    expect(await sql(t, `select 1 from users where username = 'intruder'`)).toEqual([]);
  });

  it('refuses an expired or made-up enrolment token with 404 errors.token_invalid on every step', async () => {
    const admin = await createUser(t, { roles: ['administrator'] });
    const cookie = await signIn(t, admin);
    const invite = await post(
      t,
      '/api/v1/admin/users',
      {
        username: `late.${randomUUID().slice(0, 6)}`,
        displayName: 'Late',
        organisationId: admin.organisationId,
        roles: ['management'],
      },
      cookie,
    );
    const token = tokenOf(invite.json().enrolmentUrl);
    await sql(t, `update enrolment_tokens set expires_at = now() - interval '1 second' where purpose = 'invite'`);
    for (const [path, body] of [
      ['/api/v1/enrolment/inspect', { token }],
      ['/api/v1/enrolment/password', { token, password: GOOD_PASSWORD }],
      ['/api/v1/enrolment/totp/start', { token }],
      ['/api/v1/enrolment/passkey/options', { token }],
      ['/api/v1/enrolment/inspect', { token: 'x'.repeat(43) }],
    ] as const) {
      const response = await post(t, path, body);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.messageKey, path).toBe('errors.token_invalid');
    }
    expect(await sql(t, `select 1 from users where username like 'late.%' and password_hash is not null`)).toEqual([]);
  });
});

describe('invitation, enrolment and the administrator’s powers over users', () => {
  let t: TestEnv;
  let admin: TestUser;
  let adminCookie: string;

  let confirmerCookie: string;

  beforeAll(async () => {
    t = await createTestEnv();
    admin = await createUser(t, { roles: ['administrator'] });
    adminCookie = await signIn(t, admin);
    const confirmer = await createUser(t, { roles: ['coordinator'], programmeId: admin.programmeId });
    confirmerCookie = await signIn(t, confirmer);
  });
  afterAll(async () => t.close());

  const invite = (payload: object, cookie = adminCookie) => post(t, '/api/v1/admin/users', payload, cookie);
  const newName = (prefix: string) => `${prefix}.${randomUUID().slice(0, 8)}`;
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { utvag_session: cookie } });

  async function inviteAndEnrol(roles = ['coordinator']) {
    const username = newName('invitee');
    const response = await invite({
      username,
      displayName: 'Invited Person',
      organisationId: admin.organisationId,
      roles,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.status).toBe('invited');
    // A case-reading role: no link for the administrator; a coordinator confirms and hands it over.
    expect(response.json()).toMatchObject({ awaitingConfirmation: true, user: { roles: [], pendingRoles: roles } });
    expect(response.json().enrolmentUrl).toBeUndefined();
    const confirmed = await post(t, `/api/v1/members/pending/${response.json().user.id}/confirm`, {}, confirmerCookie);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().delivery).toBe('shown');
    const { secret, recoveryCodes } = await enrolWithTotp(t, tokenOf(confirmed.json().enrolmentUrl));
    return { id: response.json().user.id as string, username, secret, recoveryCodes };
  }

  it('invites a user with a link carrying the token in its fragment; the user enrols and signs in', async () => {
    const user = await inviteAndEnrol();
    const signedIn = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret);
    expect(signedIn.status).toBe(200);
    expect((await me(signedIn.cookie!)).json().roles).toEqual(['coordinator']);
    const [row] = await sql<{ status: string }>(t, 'select status from users where id = $1', [user.id]);
    expect(row!.status).toBe('active');
  });

  it('does not activate anyone for a wrong TOTP code or a garbage passkey, and keeps the link usable', async () => {
    const username = newName('careful');
    const response = await invite({
      username,
      displayName: 'Careful',
      organisationId: admin.organisationId,
      roles: ['management'],
    });
    const token = tokenOf(response.json().enrolmentUrl);
    expect((await post(t, '/api/v1/enrolment/password', { token, password: GOOD_PASSWORD })).statusCode).toBe(204);

    const start = await post(t, '/api/v1/enrolment/totp/start', { token });
    const secret = start.json().secret as string;
    const valid = new Set([-30, 0, 30].map((o) => totpNow(secret, o)));
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    expect((await post(t, '/api/v1/enrolment/totp/verify', { token, code: wrong })).statusCode).toBe(422);

    const options = await post(t, '/api/v1/enrolment/passkey/options', { token });
    expect(options.statusCode).toBe(200);
    expect(options.json().authenticatorSelection.userVerification).toBe('required');
    const garbage = await post(t, '/api/v1/enrolment/passkey/verify', {
      token,
      response: {
        id: 'Z2FyYmFnZQ',
        rawId: 'Z2FyYmFnZQ',
        type: 'public-key',
        response: { clientDataJSON: 'e30', attestationObject: 'AAAA' },
        clientExtensionResults: {},
      },
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.messageKey).toBe('errors.passkey_failed');

    const [row] = await sql<{ id: string; status: string; totp: boolean }>(
      t,
      'select id, status, totp_secret_enc is not null as totp from users where username = $1',
      [username],
    );
    expect(row).toMatchObject({ status: 'invited', totp: false });
    expect(await sql(t, 'select 1 from webauthn_credentials where user_id = $1', [row!.id])).toEqual([]);
    expect(await sql(t, 'select 1 from recovery_codes where user_id = $1', [row!.id])).toEqual([]);
    expect((await post(t, '/api/v1/auth/login', { username, password: GOOD_PASSWORD })).statusCode).toBe(401);
    expect((await post(t, '/api/v1/enrolment/inspect', { token })).statusCode).toBe(200);
  });

  it('accepts one of the recovery codes given at enrolment as a second factor', async () => {
    const user = await inviteAndEnrol();
    const login = await post(t, '/api/v1/auth/login', { username: user.username, password: GOOD_PASSWORD });
    const recovered = await post(t, '/api/v1/auth/recovery', { code: user.recoveryCodes[3]! }, sessionCookie(login));
    expect(recovered.statusCode).toBe(200);
  });

  it('ends a deactivated user’s sessions at once and refuses their sign-in like a wrong password', async () => {
    const user = await inviteAndEnrol();
    const signedIn = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret);
    expect((await me(signedIn.cookie!)).statusCode).toBe(200);

    const deactivate = await post(t, `/api/v1/admin/users/${user.id}/deactivate`, {}, adminCookie);
    expect(deactivate.statusCode).toBe(200);
    expect(deactivate.json().user.status).toBe('deactivated');
    expect((await me(signedIn.cookie!)).statusCode).toBe(401);

    const again = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret, -30);
    expect(again.status).toBe(401);
    expect(again.body.error.messageKey).toBe('errors.invalid_credentials');
  });

  it('kills a pending enrolment link when the invited user is deactivated', async () => {
    const username = newName('revoked');
    const response = await invite({
      username,
      displayName: 'Revoked',
      organisationId: admin.organisationId,
      roles: ['management'],
    });
    const token = tokenOf(response.json().enrolmentUrl);
    expect(
      (await post(t, `/api/v1/admin/users/${response.json().user.id}/deactivate`, {}, adminCookie)).statusCode,
    ).toBe(200);
    expect((await post(t, '/api/v1/enrolment/password', { token, password: GOOD_PASSWORD })).statusCode).toBe(404);
  });

  it('resets a second factor: sessions end, the old TOTP stops working, and the new link enrols a new one', async () => {
    const user = await inviteAndEnrol();
    const signedIn = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret);
    const reset = await post(t, `/api/v1/admin/users/${user.id}/reset-second-factor`, {}, adminCookie);
    expect(reset.statusCode).toBe(200);
    expect((await me(signedIn.cookie!)).statusCode).toBe(401);

    const withOld = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret, 0);
    expect(withOld.status).toBe(401);
    const login = await post(t, '/api/v1/auth/login', { username: user.username, password: GOOD_PASSWORD });
    expect(login.json().methods).toEqual(['recovery']);
    expect(
      (await post(t, '/api/v1/auth/recovery', { code: user.recoveryCodes[0]! }, sessionCookie(login))).statusCode,
    ).toBe(401);

    const token = tokenOf(reset.json().enrolmentUrl);
    const inspect = await post(t, '/api/v1/enrolment/inspect', { token });
    expect(inspect.json()).toMatchObject({ purpose: 'reset_mfa', passwordRequired: false });
    // The reset link cannot be used to take over the account by choosing a new password.
    expect(
      (await post(t, '/api/v1/enrolment/password', { token, password: 'an attacker chosen passphrase' })).statusCode,
    ).toBe(400);
    const fresh = await enrolWithTotp(t, token, { password: false });
    expect(fresh.secret).not.toBe(user.secret);
    expect((await signInWithTotp(t, user.username, GOOD_PASSWORD, fresh.secret)).status).toBe(200);
    const stale = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret, -30);
    expect(stale.status).toBe(401);
  });

  it('resets a second factor at the machine (./utvag admin reset-second-factor): the same effects, audited as the operator', async () => {
    const user = await inviteAndEnrol();
    const signedIn = await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret);
    // Upper case as an operator might type it; usernames are stored in lower case.
    const link = await resetSecondFactorByOperator(t.deps, user.username.toUpperCase());
    expect(link).not.toBeNull();
    expect((await me(signedIn.cookie!)).statusCode).toBe(401);
    expect((await signInWithTotp(t, user.username, GOOD_PASSWORD, user.secret, 0)).status).toBe(401);
    const [entry] = await sql<{ actor: string | null; details: { via?: string } }>(
      t,
      `select actor_user_id as actor, details from audit_log where action = 'user:reset_mfa' and record_id = $1`,
      [user.id],
    );
    expect(entry).toEqual({ actor: null, details: expect.objectContaining({ via: 'cli' }) });
    const token = tokenOf(link!);
    expect((await post(t, '/api/v1/enrolment/inspect', { token })).json()).toMatchObject({ purpose: 'reset_mfa' });
    const fresh = await enrolWithTotp(t, token, { password: false });
    expect((await signInWithTotp(t, user.username, GOOD_PASSWORD, fresh.secret)).status).toBe(200);

    // No such user, or a deactivated one: nothing is issued.
    expect(await resetSecondFactorByOperator(t.deps, 'no.such.user')).toBeNull();
    expect((await post(t, `/api/v1/admin/users/${user.id}/deactivate`, {}, adminCookie)).statusCode).toBe(200);
    expect(await resetSecondFactorByOperator(t.deps, user.username)).toBeNull();
    const links = await sql<{ n: number }>(
      t,
      `select count(*)::int as n from enrolment_tokens where user_id = $1 and used_at is null and expires_at > now()`,
      [user.id],
    );
    expect(links).toEqual([{ n: 0 }]);
  });

  it('lists users at the machine (./utvag admin list-users) with status and roles, no case data', async () => {
    const user = await inviteAndEnrol(['coordinator']);
    const rows = await listUsersForOperator(t.deps);
    const mine = rows.filter((r) => r.username === user.username);
    expect(mine).toEqual([expect.objectContaining({ username: user.username, status: 'active', role: 'coordinator' })]);
    expect(Object.keys(mine[0]!).sort()).toEqual(['programme', 'role', 'status', 'username']);
    const names = rows.map((r) => r.username);
    expect(names).toEqual([...names].sort());
  });

  it('lets no administrator manage the users of another programme (404, nothing changed)', async () => {
    const victim = await inviteAndEnrol(['coordinator']);
    const otherAdmin = await createUser(t, { roles: ['administrator'] });
    expect(otherAdmin.programmeId).not.toBe(admin.programmeId);
    const otherCookie = await signIn(t, otherAdmin);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/users',
      cookies: { utvag_session: otherCookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(victim.username);

    for (const [method, path, payload] of [
      ['PUT', `/api/v1/admin/users/${victim.id}/roles`, { roles: ['coach'] }],
      ['POST', `/api/v1/admin/users/${victim.id}/deactivate`, {}],
      ['POST', `/api/v1/admin/users/${victim.id}/reset-second-factor`, {}],
      ['PATCH', `/api/v1/admin/programmes/${admin.programmeId}`, { requirePhishingResistant: true }],
    ] as const) {
      const response = await t.app.inject({
        method,
        url: path,
        headers: { origin: t.origin },
        cookies: { utvag_session: otherCookie },
        payload,
      });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    const [row] = await sql<{ status: string; totp: boolean }>(
      t,
      'select status, totp_secret_enc is not null as totp from users where id = $1',
      [victim.id],
    );
    expect(row).toEqual({ status: 'active', totp: true });
    const roles = await sql<{ role: string }>(t, 'select role from memberships where user_id = $1', [victim.id]);
    expect(roles).toEqual([{ role: 'coordinator' }]);
    const [programme] = await sql<{ strict: boolean }>(
      t,
      'select require_phishing_resistant as strict from programmes where id = $1',
      [admin.programmeId],
    );
    expect(programme!.strict).toBe(false);
  });

  it('refuses user administration to a user who is not an administrator (403)', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'], programmeId: admin.programmeId });
    const cookie = await signIn(t, coordinator);
    const username = newName('sneaky');
    const response = await invite(
      { username, displayName: 'Sneaky', organisationId: admin.organisationId, roles: ['coordinator'] },
      cookie,
    );
    expect(response.statusCode).toBe(403);
    expect(await sql(t, 'select 1 from users where username = $1', [username])).toEqual([]);
  });

  it('refuses a duplicate username with 409', async () => {
    const username = newName('twice');
    const body = { username, displayName: 'Twice', organisationId: admin.organisationId, roles: ['coach'] };
    expect((await invite(body)).statusCode).toBe(200);
    const again = await invite({ ...body, displayName: 'Someone else' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.messageKey).toBe('errors.username_taken');
    expect(await sql(t, 'select display_name from users where username = $1', [username])).toEqual([
      { display_name: 'Twice' },
    ]);
  });

  const badInvites: Record<string, (username: string, organisationId: string) => object> = {
    'an unknown role': (username, organisationId) => ({
      username,
      displayName: 'X',
      organisationId,
      roles: ['superuser'],
    }),
    'no roles at all': (username, organisationId) => ({ username, displayName: 'X', organisationId, roles: [] }),
    'administrator combined with coordinator': (username, organisationId) => ({
      username,
      displayName: 'X',
      organisationId,
      roles: ['administrator', 'coordinator'],
    }),
    'auditor combined with coach': (username, organisationId) => ({
      username,
      displayName: 'X',
      organisationId,
      roles: ['auditor', 'coach'],
    }),
    'a duplicated role': (username, organisationId) => ({
      username,
      displayName: 'X',
      organisationId,
      roles: ['coach', 'coach'],
    }),
    'an organisation id that is not a uuid': (username) => ({
      username,
      displayName: 'X',
      organisationId: 'not-a-uuid',
      roles: ['coach'],
    }),
    'an organisation that does not exist': (username) => ({
      username,
      displayName: 'X',
      organisationId: randomUUID(),
      roles: ['coach'],
    }),
    'an upper-case username': (username, organisationId) => ({
      username: username.toUpperCase(),
      displayName: 'X',
      organisationId,
      roles: ['coach'],
    }),
    'an empty display name': (username, organisationId) => ({
      username,
      displayName: '   ',
      organisationId,
      roles: ['coach'],
    }),
  };

  for (const [what, body] of Object.entries(badInvites)) {
    it(`refuses an invitation with ${what}: 4xx with a field message, never 500, nothing written`, async () => {
      const username = newName('bad');
      const response = await invite(body(username, admin.organisationId));
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      const error = response.json().error;
      expect(error.message).toBeTruthy();
      expect(error.fields.length).toBeGreaterThan(0);
      expect(await sql(t, 'select 1 from users where lower(username) = $1', [username])).toEqual([]);
    });
  }

  it('refuses role changes that break separation of duties, or a malformed user id, with 4xx and no change', async () => {
    const user = await inviteAndEnrol(['coach']);
    const combo = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${user.id}/roles`,
      headers: { origin: t.origin },
      cookies: { utvag_session: adminCookie },
      payload: { roles: ['administrator', 'coordinator'] },
    });
    expect(combo.statusCode).toBe(422);
    const badId = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/users/not-a-uuid/roles',
      headers: { origin: t.origin },
      cookies: { utvag_session: adminCookie },
      payload: { roles: ['coach'] },
    });
    expect(badId.statusCode).toBe(422);
    const badDeactivate = await post(t, '/api/v1/admin/users/1234/deactivate', {}, adminCookie);
    expect(badDeactivate.statusCode).toBe(422);
    expect(await sql(t, 'select role from memberships where user_id = $1', [user.id])).toEqual([{ role: 'coach' }]);
  });
});

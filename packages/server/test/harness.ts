import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { generateSync } from 'otplib';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { prepareAppLogin } from '../src/db/app-login.ts';
import { openDatabase, withTransaction, type Database } from '../src/db/database.ts';
import { memberships, organisations, programmes, users } from '../src/db/schema.ts';
import type { AppDeps } from '../src/service-context.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import { newTotpSecret, sealTotpSecret } from '../src/modules/auth/second-factor.ts';
import { loadKeys } from '../src/modules/crypto/keys.ts';
import { LiveHub } from '../src/modules/notifications/live-events.ts';
import { createMailer } from '../src/modules/notifications/mailer.ts';
import { startMailOutbox } from '../src/modules/notifications/mail-outbox.ts';
import type { Role } from '@utvag/domain';
import { withDatabase } from './global-setup.ts';

export type TestEnv = {
  app: App;
  deps: AppDeps;
  config: Config;
  database: Database;
  /** Superuser connection to this test's database (for attacks and raw checks). */
  superuserUrl: string;
  dataDir: string;
  origin: string;
  close: () => Promise<void>;
};

/** A fresh database cloned from the migrated template, a fresh key set and an app on top. */
export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const superuserUrl = withDatabase(adminUrl, name);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'utvag-test-'));
  const config = loadConfig({
    UTVAG_DATA_DIR: dataDir,
    DATABASE_URL: superuserUrl,
    PORT: '8080',
    UTVAG_LOG_LEVEL: 'silent',
    ...env,
  });
  const { keys } = await loadKeys(config.masterKeyFile, true);
  const appUrl = await prepareAppLogin(superuserUrl, randomUUID());
  const database = openDatabase(appUrl, 5);
  const live = new LiveHub(appUrl);
  await live.start();
  const mailer = createMailer(config.smtpUrl, config.mailFrom, () => {});
  const deps: AppDeps = { config, database, keys, webDist: null, mailer, live };
  const app = await buildApp(deps);
  await app.ready();
  // The outbox sender the server runs, quicker here so tests need not wait a second per mail.
  const outbox = startMailOutbox(deps, app.log, 50);
  return {
    app,
    deps,
    config,
    database,
    superuserUrl,
    dataDir,
    origin: config.publicUrl.origin,
    close: async () => {
      await outbox.stop();
      await app.close();
      mailer.close();
      await live.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

export type TestUser = {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  programmeId: string;
  organisationId: string;
};

/** Creates an active user with a password and TOTP directly in the database (bypassing enrolment). */
export async function createUser(
  t: TestEnv,
  options: {
    roles: Role[];
    programmeId?: string;
    organisationId?: string;
    username?: string;
    /** When the roles took effect; default 30 days ago (past any break-the-glass waiting period). */
    rolesSince?: Date;
  },
): Promise<TestUser> {
  const password = 'correct horse battery staple';
  const passwordHash = await hashPassword(password);
  return withTransaction(t.database.db, {}, async (tx) => {
    let programmeId = options.programmeId;
    if (!programmeId) {
      // Six random letters: 26^6 codes, so programmes of one test file never collide.
      const code = Array.from(randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
      const [p] = await tx
        .insert(programmes)
        .values({ code, name: `Programme ${code}` })
        .returning();
      programmeId = p!.id;
    }
    let organisationId = options.organisationId;
    if (!organisationId) {
      const [o] = await tx
        .insert(organisations)
        .values({ name: `Org ${randomUUID()}`, kind: 'police' })
        .returning();
      organisationId = o!.id;
    }
    const username = options.username ?? `user.${randomUUID().slice(0, 8)}`;
    const [user] = await tx
      .insert(users)
      .values({ username, displayName: username, organisationId, status: 'active', passwordHash })
      .returning();
    const { secret } = newTotpSecret(username);
    await tx
      .update(users)
      .set({ totpSecretEnc: sealTotpSecret(t.deps.keys.master, user!.id, secret) })
      .where(eqId(user!.id));
    await tx.insert(memberships).values(
      options.roles.map((role) => ({
        userId: user!.id,
        programmeId: programmeId!,
        role,
        createdAt: options.rolesSince ?? new Date(Date.now() - 30 * 24 * 3600 * 1000),
      })),
    );
    return { id: user!.id, username, password, totpSecret: secret, programmeId, organisationId };
  });
}

import { eq } from 'drizzle-orm';
const eqId = (id: string) => eq(users.id, id);

/** A TOTP code for a secret, optionally for a time offset (seconds) to avoid replay refusal. */
export function totpNow(secret: string, offsetSeconds = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/** Reads the session cookie a response set. */
export function sessionCookie(response: { cookies: { name: string; value: string }[] }): string | undefined {
  return response.cookies.find((c) => c.name === 'utvag_session')?.value;
}

/** Signs a user in with password + TOTP through the real routes; returns the session cookie. */
export async function signIn(t: TestEnv, user: TestUser, address = '127.0.0.1'): Promise<string> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: t.origin },
    payload: { username: user.username, password: user.password },
    remoteAddress: address,
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const pending = sessionCookie(login)!;
  // A code is accepted once: a second sign-in of the same user in the same 30 seconds uses the next one.
  const tryCode = (offsetSeconds: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: { origin: t.origin },
      cookies: { utvag_session: pending },
      payload: { code: totpNow(user.totpSecret, offsetSeconds) },
      remoteAddress: address,
    });
  let totp = await tryCode(0);
  if (totp.statusCode === 401) totp = await tryCode(30);
  if (totp.statusCode !== 200) throw new Error(`totp failed: ${totp.statusCode} ${totp.body}`);
  return sessionCookie(totp)!;
}

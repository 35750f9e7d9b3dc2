import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { prepareAppLogin } from '../packages/server/src/db/app-login.ts';
import { findFreePort } from '../packages/server/src/db/embedded.ts';
import { startSmtpPeer, type SmtpPeer } from '../packages/server/test/smtp-peer.ts';
import type {} from '../packages/server/test/global-setup.ts';
import { ApiSession, apiEnrolWithTotp, apiSignIn, enrolmentLinkOf, tokenOf } from './support/api.ts';
import { proxyConfig, startNginx, type RunningNginx } from './support/nginx.ts';
import type { TotpUser } from './support/totp.ts';

/**
 * Scale-out (issue 9), started for real on loopback: two `./utvag start` processes on ONE
 * PostgreSQL behind Debian's nginx, sharing only the database and the master key file, each with
 * its own data directory. What one instance did must hold on the other: sessions, live events,
 * the background jobs every instance runs and only one may do at a time (sealing the audit log;
 * sending a staff mail from the outbox, claimed FOR UPDATE SKIP LOCKED), and no acknowledged write
 * lost when one instance is killed with SIGKILL.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = 'packages/server/src/cli/main.ts';
const A = { 'x-test-instance': 'a' };
const B = { 'x-test-instance': 'b' };

type Instance = {
  child: ChildProcess;
  output: () => string;
  cli: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
};

async function asSuperuser<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('two instances behind nginx on one PostgreSQL', () => {
  const database = `e2e_${randomUUID().replaceAll('-', '')}`;
  let superuserUrl: string;
  let shared: string;
  const instances: Instance[] = [];
  const dataDirs: string[] = [];
  let nginx: RunningNginx;
  let smtp: SmtpPeer;
  let a: Instance;
  let b: Instance;
  let officer: TotpUser;
  let coordinator: TotpUser;
  let coordinatorId: string;

  async function startInstance(env: NodeJS.ProcessEnv, port: number): Promise<Instance> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'utvag-scale-'));
    dataDirs.push(dataDir);
    const full = { ...env, UTVAG_DATA_DIR: dataDir, PORT: String(port) };
    const child = spawn(process.execPath, [cli, 'start'], {
      cwd: repoRoot,
      env: full,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
    const instance: Instance = {
      child,
      output: () => output,
      cli: (args) =>
        new Promise((resolve) => {
          const run = spawn(process.execPath, [cli, ...args], {
            cwd: repoRoot,
            env: full,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stdout = '';
          let stderr = '';
          run.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
          run.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
          run.once('exit', (code) => resolve({ code, stdout, stderr }));
        }),
    };
    instances.push(instance);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`utvag start exited with ${child.exitCode}:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      if (ready?.status === 200 && output.includes('Utväg is running at')) return instance;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`utvag start did not become ready within 60 s:\n${output}`);
  }

  beforeAll(async () => {
    const admin = inject('pgAdminUrl');
    await asSuperuser(admin, `CREATE DATABASE ${database} TEMPLATE ${inject('pgTemplate')}`);
    const u = new URL(admin);
    u.pathname = `/${database}`;
    superuserUrl = u.toString();
    // What the instances share besides the database: the master key (a file each machine mounts)
    // and one app login. Nothing else: each has its own data directory and checkpoint file.
    shared = await mkdtemp(path.join(os.tmpdir(), 'utvag-scale-keys-'));
    const masterKeyFile = path.join(shared, 'master.key');
    await writeFile(masterKeyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    const appUrl = await prepareAppLogin(superuserUrl, randomBytes(18).toString('base64url'));
    const [portA, portB, portN] = [await findFreePort(), await findFreePort(), await findFreePort()];
    nginx = await startNginx(portN, (dir) => proxyConfig({ a: portA, b: portB }, portN, dir));
    smtp = await startSmtpPeer();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      UTVAG_SMTP_URL: smtp.url,
      DATABASE_URL: superuserUrl,
      UTVAG_APP_DATABASE_URL: appUrl,
      UTVAG_MASTER_KEY_FILE: masterKeyFile,
      HOST: '127.0.0.1',
      UTVAG_PUBLIC_URL: nginx.origin,
      UTVAG_TRUST_PROXY: '127.0.0.1',
      UTVAG_LOG_LEVEL: 'warn',
    };
    a = await startInstance(env, portA);
    b = await startInstance(env, portB);

    // First run, all of it through instance A — with the setup link B printed last (each start
    // with no users yet issues a new one and voids the one before, wherever it was issued).
    const link = new RegExp(`${nginx.origin}/setup#token=[A-Za-z0-9_-]+`).exec(b.output())![0];
    const anonymous = new ApiSession(nginx.origin, A);
    const { enrolmentToken } = await anonymous.post<{ enrolmentToken: string }>('/api/v1/setup', {
      token: tokenOf(link),
      programmeName: 'Avhopparprogrammet Skala',
      programmeCode: 'SKALA',
      organisationName: 'Polisregion Skala',
      organisationKind: 'police',
      username: 'skala.admin',
      displayName: 'Skala Admin',
    });
    const adminUser = await apiEnrolWithTotp(
      nginx.origin,
      enrolmentToken,
      'skala.admin',
      'en lång mening om skalan',
      A,
    );
    const adminApi = await apiSignIn(nginx.origin, adminUser, A);
    const { organisations } = await adminApi.get<{ organisations: { id: string }[] }>('/api/v1/admin/organisations');
    const invite = async (username: string, role: string) => {
      const invited = await adminApi.post<{
        enrolmentUrl?: string;
        awaitingConfirmation: boolean;
        user: { id: string };
      }>('/api/v1/admin/users', {
        username,
        displayName: username,
        organisationId: organisations[0]!.id,
        roles: [role],
      });
      const enrolment = tokenOf(await enrolmentLinkOf(a, invited, username));
      return {
        id: invited.user.id,
        user: await apiEnrolWithTotp(nginx.origin, enrolment, username, `lösenord för ${username} i skalan`, A),
      };
    };
    ({ id: coordinatorId, user: coordinator } = await invite('skala.samordnare', 'coordinator'));
    ({ user: officer } = await invite('skala.jour', 'hotline_officer'));
  });

  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) await kill9(i.child);
    await nginx?.stop();
    await smtp?.stop();
    await asSuperuser(inject('pgAdminUrl'), `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    for (const dir of [...dataDirs, shared]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a session made on one instance works on the other, and ending it on one ends it on both', async () => {
    const onA = await apiSignIn(nginx.origin, officer, A);
    const onB = onA.with(B);
    const me = await onB.get<{ user: { username: string } }>('/api/v1/me');
    expect(me.user.username).toBe('skala.jour');
    // And back: a sign-out on B ends the session for A at once (sessions live in the database).
    await onB.post('/api/v1/auth/logout');
    const stale = await onA.request('GET', '/api/v1/me');
    expect(stale.status).toBe(401);
  });

  it('a live alert raised on one instance reaches a screen connected to the other', async () => {
    await asSuperuser(superuserUrl, "update users set email = 'skala.samordnare@example.test' where id = $1", [
      coordinatorId,
    ]);
    const coordinatorOnB = await apiSignIn(nginx.origin, coordinator, B);
    const hour = 3600_000;
    await coordinatorOnB.post('/api/v1/duty', {
      userId: coordinatorId,
      startsAt: new Date(Date.now() - hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
    });
    // The coordinator's screen listens on instance B, through nginx (proxy_buffering off).
    const controller = new AbortController();
    const stream = await fetch(`${nginx.origin}/api/v1/events`, {
      headers: { ...B, cookie: `utvag_session=${coordinatorOnB.cookie}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    expect((await reader.read()).value).toContain(': connected');

    // The hotline officer takes a call further on instance A.
    const officerOnA = await apiSignIn(nginx.origin, officer, A);
    const call = await officerOnA.post<{ case: { id: string; code: string } | null }>('/api/v1/calls', {
      channel: 'hotline',
      callerType: 'anonymous',
      summary: 'Vill ut',
      decision: 'take_further',
    });
    const caseCode = call.case?.code;
    expect(caseCode).toMatch(/^SKALA-/);
    const deadline = Date.now() + 10_000;
    while (!received.includes(caseCode!) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ value: undefined; done: false }>((r) =>
          setTimeout(() => r({ value: undefined, done: false }), 500),
        ),
      ]);
      if (chunk.done) break;
      received += chunk.value ?? '';
    }
    controller.abort();
    expect(received).toContain('event: case_attention');
    expect(received).toContain(`"caseCode":"${caseCode}"`);

    // The alarm's e-mail is a job both instances' senders poll for: it goes out exactly once.
    const alarms = () => smtp.mails.filter((m) => m.subject.includes(caseCode!));
    await expect.poll(() => alarms().length, { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 2500)); // more than a polling interval of each sender
    expect(alarms().map((m) => m.to)).toEqual([['skala.samordnare@example.test']]);
  });

  it('both instances write, the sealing job runs for every entry exactly once, and a SIGKILL loses no acknowledged write', async () => {
    const session = await apiSignIn(nginx.origin, officer);
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let afterKill = 0;
    let killed = false;
    let running = true;
    const writer = async () => {
      while (running) {
        const r = await session
          .request('POST', '/api/v1/calls', {
            channel: 'hotline',
            callerType: 'anonymous',
            summary: 'Skala',
            decision: 'advice_only',
          })
          .catch(() => null);
        if (r && (r.status === 200 || r.status === 201)) {
          acknowledged.push((r.json as { call: { id: string } }).call.id);
          if (killed) afterKill += 1;
        } else failures.push(r ? `${r.status}` : 'network');
      }
    };
    const writers = Promise.all(Array.from({ length: 4 }, writer));
    await new Promise((r) => setTimeout(r, 1500));
    await kill9(b.child);
    killed = true;
    await new Promise((r) => setTimeout(r, 1500));
    running = false;
    await writers;

    expect(acknowledged.length, 'writes were acknowledged').toBeGreaterThan(10);
    expect(afterKill, 'the surviving instance went on taking writes').toBeGreaterThan(0);
    // Only the requests B had in hand when it died failed, and as a gateway error, never a 500.
    for (const f of failures) expect(f).toMatch(/^(502|network)$/);
    expect(failures.length, failures.join(',')).toBeLessThanOrEqual(4);
    const present = new Set(
      (await asSuperuser<{ id: string }>(superuserUrl, 'select id::text from calls')).map((r) => r.id),
    );
    expect(
      acknowledged.filter((id) => !present.has(id)),
      'acknowledged calls missing',
    ).toEqual([]);

    // Sealing: every instance runs the sealer and only one seals at a time. Every entry either
    // instance wrote (B's too, after B died) is sealed once, the chain has no gap, and the
    // verification the auditor runs passes.
    const deadline = Date.now() + 20_000;
    let pending = -1;
    while (Date.now() < deadline) {
      const [row] = await asSuperuser<{ n: number }>(
        superuserUrl,
        'select count(*)::int as n from audit_log l where not exists (select 1 from audit_chain c where c.entry_seq = l.seq)',
      );
      pending = row!.n;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(pending, 'entries left unsealed').toBe(0);
    const [chain] = await asSuperuser<{ links: number; entries: number; distinct: number; head: number }>(
      superuserUrl,
      `select count(*)::int as links, (select count(*)::int from audit_log) as entries,
              count(distinct entry_seq)::int as distinct, max(position)::int as head from audit_chain`,
    );
    expect(chain!.links).toBe(chain!.entries);
    expect(chain!.distinct).toBe(chain!.links);
    expect(chain!.head).toBe(chain!.links);
    const verify = await a.cli(['audit', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});

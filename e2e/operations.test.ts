import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectionForDataDir,
  findFreePort,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../packages/server/src/db/embedded.ts';
import { CALM_HOTLINE_ANSWERS, HOTLINE_CHECKLIST_ID, randomPersonnummer } from '../packages/server/test/support.ts';
import { ApiSession, apiEnrolWithTotp, apiSignIn, tokenOf, enrolmentLinkOf } from './support/api.ts';
import type { TotpUser } from './support/totp.ts';

/**
 * Operations as they happen on a 24/7 hotline, on the real `./utvag start`: with its own embedded
 * PostgreSQL, the server killed with SIGKILL under write load and started again with nobody
 * cleaning up, the embedded PostgreSQL killed under a running server, and a backup taken under
 * write load restored into a new data directory; with an external PostgreSQL (DATABASE_URL), that
 * server killed and brought back by its own service manager, the audit log verified live, and a
 * backup restored into a new, empty database.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = 'packages/server/src/cli/main.ts';
const dirs: string[] = [];
const processes: ChildProcess[] = [];

afterAll(async () => {
  for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  // A SIGKILLed server leaves its PostgreSQL behind; stop it the way the next start would.
  for (const dir of dirs) {
    const connection = await connectionForDataDir(dir);
    if (connection) process.kill(connection.pid, 'SIGQUIT');
    await rm(dir, { recursive: true, force: true });
  }
});

/** The environment of a person's shell with no DATABASE_URL: the embedded PostgreSQL is used. */
function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  return env;
}

/**
 * One installation as its operator sees it: a data directory (keys, checkpoints, and for the
 * embedded kind the database files) and where its database is.
 */
type Installation = {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** A superuser URL of the installation's database, for the test's own checks. */
  databaseUrl: () => Promise<string>;
};

function embeddedInstallation(dataDir: string): Installation {
  return {
    dataDir,
    env: embeddedEnv({ UTVAG_DATA_DIR: dataDir }),
    databaseUrl: async () => {
      const connection = await connectionForDataDir(dataDir);
      if (!connection) throw new Error(`no running database on ${dataDir}`);
      return connection.url;
    },
  };
}

function externalInstallation(dataDir: string, url: string): Installation {
  return {
    dataDir,
    env: { ...embeddedEnv({ UTVAG_DATA_DIR: dataDir }), DATABASE_URL: url },
    databaseUrl: async () => url,
  };
}

type Product = {
  child: ChildProcess;
  output: () => string;
  origin: string;
  /** `./utvag <args>` beside this running installation, as its operator would run it. */
  cli: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
};

async function start(installation: Installation, port: number): Promise<Product> {
  const origin = `http://localhost:${port}`;
  const env = {
    ...installation.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    UTVAG_PUBLIC_URL: origin,
    UTVAG_LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [cli, 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const operator = async (args: string[]) => {
    const { status, stdout, stderr } = await run(args, env);
    return { code: status, stdout, stderr };
  };
  processes.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`utvag start exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${origin}/readyz`).catch(() => null);
    // The banner (with a first start's setup link) is printed just after the server listens.
    if (ready?.status === 200 && output.includes('Utväg is running at'))
      return { child, output: () => output, origin, cli: operator };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`utvag start did not become ready within 60 s:\n${output}`);
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function sql<R extends pg.QueryResultRow>(installation: Installation, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: await installation.databaseUrl() });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/** First run through the API: an administrator, then a hotline officer who logs calls. */
async function firstRun(product: Product): Promise<TotpUser> {
  const link = /http:\/\/localhost:\d+\/setup#token=[A-Za-z0-9_-]+/.exec(product.output())![0];
  const anonymous = new ApiSession(product.origin);
  const { enrolmentToken } = await anonymous.post<{ enrolmentToken: string }>('/api/v1/setup', {
    token: tokenOf(link),
    programmeName: 'Avhopparprogrammet Drift',
    programmeCode: 'DRIFT',
    organisationName: 'Polisregion Drift',
    organisationKind: 'police',
    username: 'drift.admin',
    displayName: 'Drift Admin',
  });
  const adminUser = await apiEnrolWithTotp(product.origin, enrolmentToken, 'drift.admin', 'en lång mening om driften');
  const admin = await apiSignIn(product.origin, adminUser);
  const { organisations } = await admin.get<{ organisations: { id: string }[] }>('/api/v1/admin/organisations');
  const invited = await admin.post<{ enrolmentUrl?: string; awaitingConfirmation: boolean }>('/api/v1/admin/users', {
    username: 'drift.jour',
    displayName: 'Drift Jour',
    organisationId: organisations[0]!.id,
    roles: ['hotline_officer'],
  });
  // A hotline officer reads cases: the operator confirms the programme's first such role (decision 010).
  const invitation = await enrolmentLinkOf(product, invited, 'drift.jour');
  return apiEnrolWithTotp(product.origin, tokenOf(invitation), 'drift.jour', 'nattpasset i driftens tjänst');
}

/** A call the hotline only advises on, or (every fourth) one taken further: it opens a case. */
function callBody(n: number) {
  if (n % 4 !== 3) return { channel: 'hotline', callerType: 'anonymous', summary: 'Drift', decision: 'advice_only' };
  return {
    channel: 'hotline',
    callerType: 'self',
    summary: 'Vill lämna gänget, ringer från en vän.',
    decision: 'take_further',
    checklist: { instrumentId: HOTLINE_CHECKLIST_ID, instrumentVersion: 1, answers: CALM_HOTLINE_ANSWERS },
    person: { name: `Drift Person ${n}`, personnummer: randomPersonnummer() },
  };
}

/**
 * Writers logging calls as fast as the server takes them, every fourth opening a case.
 * `acknowledged` holds every call the server answered 201 for; `statuses` every other answer (or
 * 'network' when none came).
 */
function writeLoad(session: ApiSession, writers = 2) {
  const acknowledged: string[] = [];
  const statuses: string[] = [];
  let running = true;
  let sent = 0;
  const one = async () => {
    while (running) {
      const r = await session.request('POST', '/api/v1/calls', callBody(sent++)).catch(() => null);
      if (!r) {
        statuses.push('network');
        await new Promise((res) => setTimeout(res, 50));
      } else if (r.status === 201 || r.status === 200) acknowledged.push((r.json as { call: { id: string } }).call.id);
      else {
        statuses.push(`${r.status} ${(r.json as { error?: { code?: string } } | null)?.error?.code ?? r.text}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    }
  };
  const done = Promise.all(Array.from({ length: writers }, one));
  return {
    acknowledged,
    statuses,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function expectAllPresent(installation: Installation, ids: string[]) {
  const rows = await sql<{ id: string }>(installation, 'select id::text from calls');
  const present = new Set(rows.map((r) => r.id));
  expect(
    ids.filter((id) => !present.has(id)),
    'acknowledged calls missing after the crash',
  ).toEqual([]);
}

/** The audit entries (seq and keyed MAC) a backup file holds, read straight from the file. */
function auditRowsIn(file: string): { seq: string; mac: string }[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('#') && l.includes('"name":"audit_log"'));
  const rows: { seq: string; mac: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    const row = JSON.parse(line) as { seq: number; mac: string };
    rows.push({ seq: String(row.seq), mac: row.mac });
  }
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
}

/** Runs a CLI command as a child without blocking this process (the write load goes on). */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-ops-'));
  dirs.push(dir);
  return dir;
}

/**
 * Kills the PostgreSQL serving from `postgresDataDir` with SIGKILL under write load and holds
 * the server to what a 24/7 hotline needs: /readyz not ready, then ready again with nobody touching anything, the server still running, writes going on, a
 * readable 503 (never a 500) for what the database could not take, every acknowledged write kept.
 */
async function survivesDatabaseKill(
  installation: Installation,
  product: Product,
  session: ApiSession,
  postgresDataDir: string,
) {
  const postmasterPid = async () => (await connectionForDataDir(postgresDataDir))!.pid;
  const load = writeLoad(session);
  const readiness: number[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const r = await fetch(`${product.origin}/readyz`).catch(() => null);
      readiness.push(r?.status ?? 0);
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  const before = load.acknowledged.length;
  const killed = await postmasterPid();
  process.kill(killed, 'SIGKILL');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !(readiness.includes(503) && readiness.at(-1) === 200))
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  watching = false;
  await watcher;
  await load.stop();
  expect(readiness, '/readyz went not ready').toContain(503);
  expect(readiness.at(-1), '/readyz is ready again').toBe(200);
  expect(product.child.exitCode, 'the server kept running').toBeNull();
  expect(await postmasterPid(), 'a new PostgreSQL serves').not.toBe(killed);
  expect(load.acknowledged.length, 'writes went on after the restart').toBeGreaterThan(before);
  for (const status of load.statuses) expect(status).toMatch(/^(503 unavailable|network)$/);
  await expectAllPresent(installation, load.acknowledged);
}

/**
 * Stops the server cleanly (SIGTERM: it signs a checkpoint over the verified head on the way out)
 * and starts it again, then verifies the audit log live: whole, with that checkpoint checked.
 */
async function restartCleanlyAndVerify(installation: Installation, product: Product): Promise<Product> {
  await new Promise<void>((resolve) => {
    product.child.once('exit', () => resolve());
    product.child.kill('SIGTERM');
  });
  const again = await start(installation, Number(new URL(product.origin).port));
  const verified = await again.cli(['audit', 'verify']);
  expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  expect(verified.stdout).toContain('The audit log is whole');
  expect(verified.stdout).toMatch(/[1-9]\d* checkpoints? checked/);
  return again;
}

type Counts = { calls: string; cases: string; head: { seq: string; mac: string } };

async function countsOf(installation: Installation): Promise<Counts> {
  const [n] = await sql<{ calls: string; cases: string }>(
    installation,
    'select (select count(*) from calls)::text as calls, (select count(*) from cases)::text as cases',
  );
  const [head] = await sql<{ seq: string; mac: string }>(
    installation,
    'select seq::text, mac from audit_log order by audit_log.seq desc limit 1',
  );
  return { calls: n!.calls, cases: n!.cases, head: head! };
}

/**
 * Backs up `source` under write load and again when quiet, restores each into the target
 * `makeTarget` gives (empty), refuses a second restore into it, then starts the restored
 * installation and holds it to: the same chain as the source up to the backed-up head, exactly
 * the source's calls, cases and audit head for the quiet copy, a sign-in that works, its calls and
 * cases shown, and `./utvag audit verify` exit 0 on the running copy.
 */
async function backupAndRestore(
  source: Installation,
  session: ApiSession,
  officer: TotpUser,
  makeTarget: (name: string) => Promise<{ installation: Installation; notEmpty: RegExp }>,
) {
  const load = writeLoad(session);
  await new Promise((r) => setTimeout(r, 300));
  const underLoad = path.join(await tmpDir(), 'under-load.utvag-backup');
  const backup = (file: string) => run(['backup', file], source.env);
  const before = load.acknowledged.length;
  const first = await backup(underLoad);
  await load.stop();
  expect(load.acknowledged.length, 'calls were written while the backup ran').toBeGreaterThan(before);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toContain('does NOT contain the master key');
  // SECURITY: the master key never travels with the backup.
  const masterKey = (await readFile(path.join(source.dataDir, 'keys', 'master.key'), 'utf8')).trim();
  const zcat = spawnSync('gzip', ['-dc', underLoad], { encoding: 'latin1', maxBuffer: 1 << 28 });
  expect(zcat.stdout.length).toBeGreaterThan(0);
  expect(zcat.stdout).not.toContain(masterKey);

  // Quiet now: a second backup must hold exactly what the running installation holds.
  const quiet = path.join(path.dirname(underLoad), 'quiet.utvag-backup');
  expect((await backup(quiet)).status).toBe(0);
  const counts = await countsOf(source);
  expect(Number(counts.cases), 'the load opened cases').toBeGreaterThan(0);
  const sourceChain = await sql<{ seq: string; mac: string }>(
    source,
    'select seq::text, mac from audit_log order by audit_log.seq',
  );

  for (const [file, exact] of [
    [underLoad, false],
    [quiet, true],
  ] as const) {
    const { installation: target, notEmpty } = await makeTarget(exact ? 'quiet' : 'underload');
    // Without the master key in place the restore refuses and says where it must go.
    const keyless = await run(['restore', file], target.env);
    expect(keyless.status).toBe(1);
    expect(keyless.stderr).toContain('No master key');
    await mkdir(path.join(target.dataDir, 'keys'), { recursive: true, mode: 0o700 });
    await copyFile(path.join(source.dataDir, 'keys', 'master.key'), path.join(target.dataDir, 'keys', 'master.key'));
    const restored = await run(['restore', file], target.env);
    expect(restored.status, restored.stderr).toBe(0);
    const again = await run(['restore', file], target.env);
    expect(again.status, 'a second restore into the now full target is refused').toBe(1);
    expect(again.stderr).toMatch(notEmpty);

    const backedUp = auditRowsIn(file);
    const copy = await start(target, await findFreePort());
    // The restored installation's own start and sign-ins append after the backed-up head.
    const restoredChain = await sql<{ seq: string; mac: string }>(
      target,
      'select seq::text, mac from audit_log order by audit_log.seq',
    );
    const chain = restoredChain.slice(0, backedUp.length);
    // A consistent snapshot: the restored chain is exactly the source's chain up to its head.
    expect(backedUp.length).toBeGreaterThan(0);
    expect(
      backedUp.filter((r) => !r.mac),
      'every backed-up entry carries its MAC',
    ).toEqual([]);
    expect(chain).toEqual(backedUp);
    expect(chain).toEqual(sourceChain.slice(0, chain.length));
    const restoredCounts = await countsOf(target);
    if (exact) {
      expect(chain.at(-1)).toEqual(counts.head);
      expect(restoredCounts.calls).toBe(counts.calls);
      expect(restoredCounts.cases).toBe(counts.cases);
    }
    // Every call and case the restored log records as written is in the restored tables, no other.
    const [logged] = await sql<{ calls: string; cases: string }>(
      target,
      `select (count(*) filter (where action = 'call:create'))::text as calls,
              (count(*) filter (where action = 'case:create'))::text as cases from audit_log`,
    );
    expect(restoredCounts.calls).toBe(logged!.calls);
    expect(restoredCounts.cases).toBe(logged!.cases);
    // It signs in (the quiet copy with password and a TOTP code; the other keeps the restored
    // session) and shows its calls and cases.
    const signedIn = exact ? await apiSignIn(copy.origin, officer) : new ApiSession(copy.origin);
    if (!exact) signedIn.cookie = session.cookie;
    const list = await signedIn.get<{ calls: unknown[] }>('/api/v1/calls');
    expect(list.calls.length).toBeGreaterThan(0);
    const cases = await signedIn.get<{ cases: unknown[] }>('/api/v1/cases');
    expect(cases.cases.length).toBeGreaterThan(0);
    // Its audit log verifies, live, against the checkpoints the restore put back.
    const verified = await copy.cli(['audit', 'verify']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('The audit log is whole');
    // The checkpoint the source signed at its clean stop came back with the restore and is checked.
    expect(verified.stdout).not.toContain('No signed checkpoints');
    await new Promise<void>((resolve) => {
      copy.child.once('exit', () => resolve());
      copy.child.kill('SIGTERM');
    });
  }
}

describe('operations on the embedded PostgreSQL: crashes, a supervised database, backup and restore', () => {
  let installation: Installation;
  let port: number;
  let product: Product;
  let officer: TotpUser;
  // Sessions live in the database: one sign-in serves across restarts (TOTP codes are single-use,
  // so each further sign-in waits for the next code).
  let session: ApiSession;

  it('starts again by itself after the server is killed with SIGKILL under write load, three times', async () => {
    installation = embeddedInstallation(await tmpDir());
    port = await findFreePort();
    product = await start(installation, port);
    officer = await firstRun(product);
    session = await apiSignIn(product.origin, officer);
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const load = writeLoad(session);
      await new Promise((r) => setTimeout(r, 800));
      await kill9(product.child);
      await load.stop();
      expect(load.acknowledged.length, `round ${round}: calls were written before the kill`).toBeGreaterThan(0);
      acknowledged.push(...load.acknowledged);
      // No manual step: the orphaned PostgreSQL is found and stopped by the next start.
      const began = Date.now();
      product = await start(installation, port);
      expect(Date.now() - began, 'the start after a crash took too long').toBeLessThan(30_000);
      await expectAllPresent(installation, acknowledged);
    }
  });

  it('restarts its PostgreSQL when it is killed, is not ready meanwhile, and keeps every acknowledged write', async () => {
    await survivesDatabaseKill(installation, product, session, installation.dataDir);
  });

  it('verifies its audit log while it runs, against the checkpoint signed at a clean stop', async () => {
    product = await restartCleanlyAndVerify(installation, product);
    const verified = await product.cli(['audit', 'verify']);
    expect(verified.stdout).toContain('the running embedded PostgreSQL');
  });

  it('backs up under write load; the restore starts, signs in, shows its calls and cases, holds the same audit head and verifies', async () => {
    await backupAndRestore(installation, session, officer, async () => ({
      installation: embeddedInstallation(await tmpDir()),
      notEmpty: /not empty/,
    }));
  }, 240_000);
});

describe('operations on an external PostgreSQL (DATABASE_URL)', () => {
  // A real PostgreSQL server the product does not manage, kept running by its own supervisor in
  // this process as systemd would: killed, it comes back on the same port.
  let postgres: EmbeddedServer;
  let postgresDir: string;
  let installation: Installation;
  let product: Product;
  let officer: TotpUser;
  let session: ApiSession;
  const database = (name: string) => {
    const url = new URL(postgres.url);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const createDatabase = async (name: string) => {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`create database ${admin.escapeIdentifier(name)}`);
    await admin.end();
    return database(name);
  };

  afterAll(async () => {
    for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await postgres?.stop();
  });

  it('runs on DATABASE_URL and rides out that server being killed and restarted under write load', async () => {
    postgresDir = await tmpDir();
    postgres = await startEmbeddedPostgres(postgresDir);
    installation = externalInstallation(await tmpDir(), await createDatabase('utvag_drift'));
    product = await start(installation, await findFreePort());
    officer = await firstRun(product);
    session = await apiSignIn(product.origin, officer);
    await survivesDatabaseKill(installation, product, session, postgresDir);
  });

  it('verifies its audit log through DATABASE_URL while it runs', async () => {
    product = await restartCleanlyAndVerify(installation, product);
    const verified = await product.cli(['audit', 'verify']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('DATABASE_URL');
    expect(verified.stdout).toContain('The audit log is whole');
  });

  it('backs up through DATABASE_URL under write load and restores into a new, empty database that starts and verifies', async () => {
    const occupied = await createDatabase('utvag_occupied');
    const client = new pg.Client({ connectionString: occupied });
    await client.connect();
    await client.query('create table someone_elses (id int)');
    await client.end();
    const keysDir = await tmpDir();
    await mkdir(path.join(keysDir, 'keys'), { mode: 0o700 });
    await copyFile(path.join(installation.dataDir, 'keys', 'master.key'), path.join(keysDir, 'keys', 'master.key'));
    // A restore never merges into a database that holds anything.
    const backupFile = path.join(await tmpDir(), 'any.utvag-backup');
    expect((await run(['backup', backupFile], installation.env)).status).toBe(0);
    const merge = await run(['restore', backupFile], externalInstallation(keysDir, occupied).env);
    expect(merge.status).toBe(1);
    expect(merge.stderr).toContain('not empty (table public.someone_elses)');

    await backupAndRestore(installation, session, officer, async (name) => ({
      installation: externalInstallation(await tmpDir(), await createDatabase(`utvag_restored_${name}`)),
      notEmpty: /not empty \(table /,
    }));
  }, 240_000);
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionForDataDir, findFreePort } from '../packages/server/src/db/embedded.ts';
import { ApiSession, apiEnrolWithTotp, apiSignIn, tokenOf } from './support/api.ts';
import type { TotpUser } from './support/totp.ts';

/**
 * Operations as they happen on a 24/7 hotline, on the real `./utvag start` with its own embedded
 * PostgreSQL: the server killed with SIGKILL under write load and started again with nobody
 * cleaning up, the embedded PostgreSQL killed under a running server, and a backup taken under
 * write load restored into a new data directory.
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

type Product = { child: ChildProcess; output: () => string; origin: string };

async function start(dataDir: string, port: number): Promise<Product> {
  const origin = `http://localhost:${port}`;
  const child = spawn(process.execPath, [cli, 'start'], {
    cwd: repoRoot,
    env: embeddedEnv({
      UTVAG_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      UTVAG_PUBLIC_URL: origin,
      UTVAG_LOG_LEVEL: 'warn',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`utvag start exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${origin}/readyz`).catch(() => null);
    // The banner (with a first start's setup link) is printed just after the server listens.
    if (ready?.status === 200 && output.includes('Utväg is running at')) return { child, output: () => output, origin };
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

async function sql<R extends pg.QueryResultRow>(dataDir: string, text: string): Promise<R[]> {
  const connection = await connectionForDataDir(dataDir);
  if (!connection) throw new Error(`no running database on ${dataDir}`);
  const client = new pg.Client({ connectionString: connection.url });
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
  const invited = await admin.post<{ enrolmentUrl: string }>('/api/v1/admin/users', {
    username: 'drift.jour',
    displayName: 'Drift Jour',
    organisationId: organisations[0]!.id,
    roles: ['hotline_officer'],
  });
  return apiEnrolWithTotp(product.origin, tokenOf(invited.enrolmentUrl), 'drift.jour', 'nattpasset i driftens tjänst');
}

/**
 * Writers logging calls as fast as the server takes them. `acknowledged` holds every call the
 * server answered 201 for; `statuses` every other answer (or 'network' when none came).
 */
function writeLoad(session: ApiSession, writers = 2) {
  const acknowledged: string[] = [];
  const statuses: string[] = [];
  let running = true;
  const one = async () => {
    while (running) {
      const r = await session
        .request('POST', '/api/v1/calls', {
          channel: 'hotline',
          callerType: 'anonymous',
          summary: 'Drift',
          decision: 'advice_only',
        })
        .catch(() => null);
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

async function expectAllPresent(dataDir: string, ids: string[]) {
  const rows = await sql<{ id: string }>(dataDir, 'select id::text from calls');
  const present = new Set(rows.map((r) => r.id));
  expect(
    ids.filter((id) => !present.has(id)),
    'acknowledged calls missing after the crash',
  ).toEqual([]);
}

/** The audit entries (seq, hash) a backup file holds, read straight from the file. */
function auditRowsIn(file: string): { seq: string; hash: string }[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('#') && l.includes('"name":"audit_log"'));
  const rows: { seq: string; hash: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    const row = JSON.parse(line) as { seq: number; hash: string };
    rows.push({ seq: String(row.seq), hash: row.hash });
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

describe('operations: crashes, a supervised database, backup and restore', () => {
  let dataDir: string;
  let port: number;
  let product: Product;
  let officer: TotpUser;
  // Sessions live in the database: one sign-in serves across restarts (TOTP codes are single-use,
  // so each further sign-in waits for the next code).
  let session: ApiSession;

  it('starts again by itself after the server is killed with SIGKILL under write load, three times', async () => {
    dataDir = await tmpDir();
    port = await findFreePort();
    product = await start(dataDir, port);
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
      product = await start(dataDir, port);
      expect(Date.now() - began, 'the start after a crash took too long').toBeLessThan(30_000);
      await expectAllPresent(dataDir, acknowledged);
    }
  });

  it('restarts its PostgreSQL when it is killed, is not ready meanwhile, and keeps every acknowledged write', async () => {
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
    const postmaster = (await connectionForDataDir(dataDir))!.pid;
    const before = load.acknowledged.length;
    process.kill(postmaster, 'SIGKILL');
    // Not ready, then ready again, with nobody touching anything.
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
    expect((await connectionForDataDir(dataDir))!.pid).not.toBe(postmaster);
    expect(load.acknowledged.length, 'writes went on after the restart').toBeGreaterThan(before);
    // Requests the database could not take failed with a readable 503, never a 500.
    for (const status of load.statuses) expect(status).toMatch(/^(503 unavailable|network)$/);
    await expectAllPresent(dataDir, load.acknowledged);
  });

  it('backs up under write load; the restore starts, signs in, lists its calls and holds the same audit head', async () => {
    const load = writeLoad(session);
    await new Promise((r) => setTimeout(r, 300));
    const underLoad = path.join(await tmpDir(), 'under-load.utvag-backup');
    const backup = (file: string) => run(['backup', file], embeddedEnv({ UTVAG_DATA_DIR: dataDir }));
    const before = load.acknowledged.length;
    const first = await backup(underLoad);
    await load.stop();
    expect(load.acknowledged.length, 'calls were written while the backup ran').toBeGreaterThan(before);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('does NOT contain the master key');
    // SECURITY: the master key never travels with the backup.
    const masterKey = (await readFile(path.join(dataDir, 'keys', 'master.key'), 'utf8')).trim();
    const zcat = spawnSync('gzip', ['-dc', underLoad], { encoding: 'latin1', maxBuffer: 1 << 28 });
    expect(zcat.stdout.length).toBeGreaterThan(0);
    expect(zcat.stdout).not.toContain(masterKey);

    // Quiet now: a second backup must hold exactly what the running installation holds.
    const quiet = path.join(path.dirname(underLoad), 'quiet.utvag-backup');
    expect((await backup(quiet)).status).toBe(0);
    const source = {
      calls: await sql<{ n: string }>(dataDir, 'select count(*)::text as n from calls'),
      cases: await sql<{ n: string }>(dataDir, 'select count(*)::text as n from cases'),
      head: await sql<{ seq: string; hash: string }>(
        dataDir,
        'select seq::text, hash from audit_log order by audit_log.seq desc limit 1',
      ),
      chain: await sql<{ seq: string; hash: string }>(
        dataDir,
        'select seq::text, hash from audit_log order by audit_log.seq',
      ),
    };

    for (const [file, exact] of [
      [underLoad, false],
      [quiet, true],
    ] as const) {
      const target = await tmpDir();
      const env = embeddedEnv({ UTVAG_DATA_DIR: target });
      // Without the master key in place the restore refuses and says where it must go.
      const keyless = await run(['restore', file], env);
      expect(keyless.status).toBe(1);
      expect(keyless.stderr).toContain('No master key');
      await mkdir(path.join(target, 'keys'), { mode: 0o700 });
      await copyFile(path.join(dataDir, 'keys', 'master.key'), path.join(target, 'keys', 'master.key'));
      const restored = await run(['restore', file], env);
      expect(restored.status, restored.stderr).toBe(0);
      const again = await run(['restore', file], env);
      expect(again.status, 'a second restore into the now full directory is refused').toBe(1);
      expect(again.stderr).toContain('not empty');

      const backedUp = auditRowsIn(file);
      const copy = await start(target, await findFreePort());
      // The restored installation's own start and sign-ins append after the backed-up head.
      const restoredChain = await sql<{ seq: string; hash: string }>(
        target,
        'select seq::text, hash from audit_log order by audit_log.seq',
      );
      const chain = restoredChain.slice(0, backedUp.length);
      const head = chain.at(-1)!;
      // A consistent snapshot: the restored chain is exactly the source's chain up to its head.
      expect(backedUp.length).toBeGreaterThan(0);
      expect(chain).toEqual(backedUp);
      expect(chain).toEqual(source.chain.slice(0, chain.length));
      if (exact) {
        expect(head).toEqual(source.head[0]);
        expect(await sql(target, 'select count(*)::text as n from calls')).toEqual(source.calls);
        expect(await sql(target, 'select count(*)::text as n from cases')).toEqual(source.cases);
      }
      // Every call the restored log records as written is in the restored tables, and no other.
      const logged = await sql<{ n: string }>(
        target,
        "select count(*)::text as n from audit_log where action = 'call:create'",
      );
      const calls = await sql<{ n: string }>(target, 'select count(*)::text as n from calls');
      expect(calls).toEqual(logged);
      // It signs in (the quiet copy with password and a TOTP code; the other keeps the restored
      // session) and shows its calls.
      const signedIn = exact ? await apiSignIn(copy.origin, officer) : new ApiSession(copy.origin);
      if (!exact) signedIn.cookie = session.cookie;
      const list = await signedIn.get<{ calls: unknown[] }>('/api/v1/calls');
      expect(list.calls.length).toBeGreaterThan(0);
      await new Promise<void>((resolve) => {
        copy.child.once('exit', () => resolve());
        copy.child.kill('SIGTERM');
      });
    }
  }, 240_000);
});

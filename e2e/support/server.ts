import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { findFreePort } from '../../packages/server/src/db/embedded.ts';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
// The ProvidedContext keys (pgAdminUrl, pgTemplate) are declared beside the global setup that provides them.
import type {} from '../../packages/server/test/global-setup.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real product, started as a person starts it, on its own fresh database. */
export type RunningProduct = {
  /** `http://localhost:PORT`: WebAuthn needs a host name, so the browser uses this, not the IP. */
  origin: string;
  /** The one-time setup link the first start printed. */
  setupLink: string;
  /** Superuser URL of this product's database, for test-only manipulation (never the app's role). */
  superuserUrl: string;
  /** Everything the process wrote, for failure messages. */
  output: () => string;
  /** Runs one SQL statement as superuser on the product's database. */
  sql: <R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ) => Promise<pg.QueryResult<R>>;
  /**
   * Runs `./utvag <args>` (e.g. `admin confirm-member <username>`) against this product's database
   * and data directory, as the operator at the machine would; resolves with its exit code and output.
   */
  cli: (args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** SIGTERM, wait for the exit, drop the database and the data directory; idempotent. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Clones a fresh database from the migrated template and runs
 * `node packages/server/src/cli/main.ts start` against it, exactly as `./utvag start` does.
 * Resolves once /readyz answers 200 and the setup link has been printed. `extraEnv` adds to (or
 * overrides) the environment the product starts with, e.g. UTVAG_SMTP_URL for a test's SMTP peer.
 */
export async function startProduct(extraEnv: Record<string, string> = {}): Promise<RunningProduct> {
  const name = `e2e_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const superuserUrl = withDatabase(inject('pgAdminUrl'), name);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'utvag-e2e-'));
  const port = await findFreePort();
  const origin = `http://localhost:${port}`;

  const env = {
    ...process.env,
    DATABASE_URL: superuserUrl,
    UTVAG_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    UTVAG_PUBLIC_URL: origin,
    UTVAG_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['packages/server/src/cli/main.ts', 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const run = spawn(process.execPath, ['packages/server/src/cli/main.ts', ...args], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      run.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      run.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      run.once('error', reject);
      run.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
  let output = '';
  const verbose = process.env.UTVAG_E2E_VERBOSE === '1';
  const collect = (chunk: string) => {
    output += chunk;
    if (verbose) process.stderr.write(`[utvag] ${chunk}`);
  };
  child.stdout!.setEncoding('utf8').on('data', collect);
  child.stderr!.setEncoding('utf8').on('data', collect);

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };

  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  try {
    const setupLink = await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`utvag start exited with ${child.exitCode}:\n${output}`);
        const link = new RegExp(`${origin.replaceAll('.', '\\.')}/setup#token=[A-Za-z0-9_\\-]+`).exec(output)?.[0];
        if (!link) return null;
        const ready = await fetch(`${origin}/readyz`).catch(() => null);
        return ready?.status === 200 ? link : null;
      },
      60_000,
      () => `utvag start did not become ready with a setup link:\n${output}`,
    );

    const sql = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
      const client = new pg.Client({ connectionString: superuserUrl });
      await client.connect();
      try {
        return await client.query<R>(text, values);
      } finally {
        await client.end();
      }
    };

    return {
      origin,
      setupLink,
      superuserUrl,
      output: () => output,
      sql,
      cli,
      stop: async () => {
        stopping ??= (async () => {
          child.kill('SIGTERM');
          const exited = await waitForExit(child, 15_000);
          const exit = { code: child.exitCode, signal: child.signalCode };
          await cleanup();
          if (!exited) throw new Error(`utvag start did not stop within 15 s of SIGTERM:\n${output}`);
          return exit;
        })();
        return stopping;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Polls `probe` until it returns a value other than null. */
async function waitFor<T>(probe: () => Promise<T | null>, ms: number, message: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(message());
}

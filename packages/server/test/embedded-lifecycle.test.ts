import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionForDataDir, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { isRunning } from '../src/db/processes.ts';

const embeddedModule = pathToFileURL(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/db/embedded.ts'),
);

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-lifecycle-'));
  dirs.push(dir);
  return dir;
}

/** Another process that starts the embedded server on `dir` and holds it, as `./utvag start` does. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = path.join(dir, 'hold.ts');
  await writeFile(
    script,
    `import { startEmbeddedPostgres } from ${JSON.stringify(embeddedModule.href)};
     const server = await startEmbeddedPostgres(${JSON.stringify(dir)}, () => {}, { command: 'start' });
     console.log('READY ' + server.port);
     setInterval(() => {}, 1000);`,
  );
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`holder exited: ${output}`)));
  });
  return child;
}

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const postmasterPid = (dir: string) =>
  Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('the embedded PostgreSQL lifecycle', () => {
  it('publishes how to reach the running server in the data directory (0600) and withdraws it at stop', async () => {
    const dir = await dataDir();
    expect(await connectionForDataDir(dir)).toBeNull();
    const server = await startEmbeddedPostgres(dir);
    try {
      const connection = await connectionForDataDir(dir);
      expect(connection).not.toBeNull();
      expect(connection!.port).toBe(server.port);
      expect(connection!.ownerPid).toBe(process.pid);
      expect(statSync(path.join(dir, 'postgres.json')).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, 'postgres.json'), 'utf8')).not.toContain(new URL(server.url).password);
      const { rows } = await query(connection!.url, 'select current_user as who');
      expect(rows[0].who).toBe('postgres');
    } finally {
      await server.stop();
    }
    expect(await connectionForDataDir(dir)).toBeNull();
  });

  it('refuses a second Utväg on a data directory another live process holds, naming that process', async () => {
    const dir = await dataDir();
    const child = await holder(dir);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(
      new RegExp(`already running on the data directory .*process ${child.pid} \\("\\./utvag start"`),
    );
    // The refused start touched nothing: the holder's server still answers.
    const connection = await connectionForDataDir(dir);
    expect(connection?.ownerPid).toBe(child.pid);
    await query(connection!.url, 'select 1');
  });

  it('after its owner is killed with SIGKILL, the next start stops the orphaned PostgreSQL and keeps the data', async () => {
    const dir = await dataDir();
    const child = await holder(dir);
    const first = (await connectionForDataDir(dir))!;
    await query(first.url, 'create table survived (n int); insert into survived values (42)');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const orphan = postmasterPid(dir);
    expect(await isRunning(orphan)).toBe(true);
    // The orphan still publishes a connection and serves; only its owner is gone.
    expect((await connectionForDataDir(dir))?.pid).toBe(orphan);

    const server = await startEmbeddedPostgres(dir);
    try {
      expect(await isRunning(orphan)).toBe(false);
      expect(postmasterPid(dir)).not.toBe(orphan);
      const { rows } = await query(server.url, 'select n from survived');
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await server.stop();
    }
  });

  it('says why PostgreSQL did not start instead of failing without a reason', async () => {
    const dir = await dataDir();
    const server = await startEmbeddedPostgres(dir);
    await server.stop();
    // A broken configuration file: PostgreSQL itself refuses to start and says so.
    await writeFile(path.join(dir, 'pg', 'postgresql.auto.conf'), 'shared_buffers = banana\n');
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(/PostgreSQL stopped before it was ready.*shared_buffers/);
    // The failed start released the data directory and published no connection.
    expect(existsSync(path.join(dir, 'utvag.pid'))).toBe(false);
    expect(await connectionForDataDir(dir)).toBeNull();
  });
});

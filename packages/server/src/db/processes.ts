import { execFile } from 'node:child_process';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The kernel's state letter and start time (clock ticks since boot) of a process, on Linux. */
async function procStat(pid: number): Promise<{ state: string; startTime: string } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Whether a process exists (a zombie counts). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a process runs: it exists and is not a zombie waiting to be reaped. */
export async function isRunning(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const stat = await procStat(pid);
  return stat?.state !== 'Z';
}

/** A process's command line, or null when it is gone. */
export async function describeProcess(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
  } catch {
    try {
      return (await run('ps', ['-o', 'args=', '-p', String(pid)])).stdout.trim() || null;
    } catch {
      return null;
    }
  }
}

/**
 * Stops a PostgreSQL process: SIGINT (fast shutdown: aborts open transactions, writes a clean
 * checkpoint), then SIGQUIT (immediate), then SIGKILL. Resolves whether it is gone.
 */
export async function stopProcess(pid: number, exited?: () => boolean): Promise<boolean> {
  const gone = async () => (exited ? exited() : !(await isRunning(pid)));
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5000],
    ['SIGKILL', 5000],
  ] as const) {
    if (await gone()) return true;
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (await gone()) return true;
      await sleep(50);
    }
  }
  return gone();
}

/** When we are root, PostgreSQL must run as the `postgres` system user (it refuses root). */
export async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      'Running as root, but there is no "postgres" system user for the embedded PostgreSQL to run as (PostgreSQL refuses to run as root). Create one (useradd postgres) or run Utväg as an ordinary user.',
    );
  }
}

type Holder = { pid: number; startTime: string | null; command: string; since: string };

/** Another live Utväg process already owns the data directory. */
export class DataDirInUseError extends Error {}

/**
 * Claims a data directory for this process with `<data>/utvag.pid` (created exclusively), so two
 * Utväg processes never run one embedded PostgreSQL. A file left by a process that is gone (or
 * whose pid now belongs to another program, told apart by its start time) is taken over.
 * Returns the release function.
 */
export async function claimDataDir(dataDir: string, command: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'utvag.pid');
  const me: Holder = {
    pid: process.pid,
    startTime: (await procStat(process.pid))?.startTime ?? null,
    command,
    since: new Date().toISOString(),
  };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(file, content, { flag: 'wx', mode: 0o600 });
      return async () => {
        const current = await readFile(file, 'utf8').catch(() => null);
        if (current === content) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder that has just created the file may not have written it yet: look twice.
    const holder = (await readHolder(file)) ?? (await sleep(200).then(() => readHolder(file)));
    if (holder && (await holderIsLive(holder))) {
      throw new DataDirInUseError(
        `Utväg is already running on the data directory ${dataDir}: process ${holder.pid} ` +
          `("./utvag ${holder.command}", since ${holder.since}). Stop that one first (Ctrl-C in its terminal, ` +
          `or kill ${holder.pid}), or give this one another UTVAG_DATA_DIR.`,
      );
    }
    await unlink(file).catch(() => {});
  }
  throw new Error(`Could not claim the data directory ${dataDir} (${file} keeps reappearing).`);
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Holder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch {
    // Half-written by a process killed while writing it, or removed meanwhile.
    return null;
  }
}

async function holderIsLive(holder: Holder): Promise<boolean> {
  if (!(await isRunning(holder.pid))) return false;
  if (holder.startTime === null) return true;
  const stat = await procStat(holder.pid);
  return stat === null || stat.startTime === holder.startTime;
}

import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import {
  BackupError,
  masterKeyCheck,
  readBackupHeader,
  restoreBackup,
  writeBackup,
  type BackupFile,
} from '../db/backup.ts';
import { connectionForDataDir, startEmbeddedPostgres } from '../db/embedded.ts';
import { loadKeys } from '../modules/crypto/keys.ts';

const BACKUP_HELP = `Usage: ./utvag backup <file>

Writes a consistent backup of the installation (UTVAG_DATA_DIR's embedded PostgreSQL, running or
not, or DATABASE_URL) and its signed audit checkpoints to <file> (gzip, mode 0600). The product may
keep running: every row comes from one snapshot.

The backup does NOT contain the master key. Back up UTVAG_MASTER_KEY_FILE separately and keep it
apart from the backups: without it a backup cannot be read, with both anyone can.`;

const RESTORE_HELP = `Usage: ./utvag restore <file>

Restores a backup made by ./utvag backup into UTVAG_DATA_DIR's embedded PostgreSQL, or into the
database DATABASE_URL names. Either must be empty: the data directory may hold only
keys/master.key; the database no table at all (create a new one; the login must be a superuser,
or be granted SET on session_replication_role). The master key of the backed-up installation must
be in place first (UTVAG_MASTER_KEY_FILE, default <data>/keys/master.key). Then start with
./utvag start.`;

/** The files beside the database that a backup carries: the audit checkpoint file(s). */
async function checkpointFiles(config: Config): Promise<BackupFile[]> {
  const dir = path.dirname(config.auditCheckpointFile);
  if (!existsSync(dir)) return [];
  const files: BackupFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
    // Only the checkpoint file and its siblings of the same stem (e.g. a rotated or second copy).
    const stem = path.basename(config.auditCheckpointFile).split('.')[0]!;
    if (!entry.name.startsWith(stem)) continue;
    files.push({ name: `audit/${entry.name}`, content: await readFile(path.join(dir, entry.name)) });
  }
  return files;
}

export async function backupCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h') || args.length !== 1) {
    (args.length === 1 ? console.log : console.error)(BACKUP_HELP);
    return args.length === 1 ? 0 : 2;
  }
  const target = path.resolve(args[0]!);
  if (existsSync(target)) {
    console.error(`Not overwriting ${target}: it exists. Name a new file.`);
    return 1;
  }
  const config = loadConfig();
  // Read the checkpoints BEFORE the database snapshot: each of them then signs a head the
  // snapshot holds, and the restored log verifies against them.
  const files = await checkpointFiles(config);
  const keyCheck = existsSync(config.masterKeyFile)
    ? masterKeyCheck((await loadKeys(config.masterKeyFile, false)).keys.master)
    : null;
  let url = config.databaseUrl;
  let stop = async () => {};
  if (!url) {
    const running = await connectionForDataDir(config.dataDir);
    if (running) url = running.url;
    else {
      const server = await startEmbeddedPostgres(config.dataDir, () => {}, { command: 'backup' });
      url = server.url;
      stop = server.stop;
    }
  }
  try {
    const summary = await writeBackup(url, target, files, keyCheck);
    console.log(
      `Backup written to ${target}: ${summary.tables} tables, ${summary.rows} rows, ${summary.files} audit checkpoint file(s).`,
    );
    console.log(
      `It does NOT contain the master key (${config.masterKeyFile}). Back that file up separately and keep it apart ` +
        'from the backups: a restore needs it, and anyone holding both can read everything.',
    );
    return 0;
  } finally {
    await stop();
  }
}

/** What an empty target may already hold: the master key the operator put in place. */
async function unexpectedContent(dataDir: string, config: Config): Promise<string | null> {
  if (!existsSync(dataDir)) return null;
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory() && full === path.join(dataDir, 'keys')) continue;
    if (full === config.masterKeyFile) continue;
    return full;
  }
  return null;
}

/** Why the embedded data directory cannot take a restore, or null when it can. */
async function embeddedTargetRefusal(config: Config): Promise<string | null> {
  const extra = await unexpectedContent(config.dataDir, config);
  return extra
    ? `Refusing to restore into ${config.dataDir}: it is not empty (${extra}). Restore into a new, empty directory (UTVAG_DATA_DIR).`
    : null;
}

/**
 * Why the external database cannot take a restore, or null when it can: it must hold no table
 * (a restore never merges into or overwrites a database) and no checkpoint file may be waiting
 * where the restored ones go.
 */
async function externalTargetRefusal(url: string, config: Config): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    return `Cannot reach the database of DATABASE_URL (${error instanceof Error ? error.message : String(error)}).`;
  }
  try {
    const { rows } = await client.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\\_%'
        order by 1 limit 1`,
    );
    if (rows[0]) {
      return `Refusing to restore into the database of DATABASE_URL: it is not empty (table ${rows[0].name}). Create a new, empty database and point DATABASE_URL at it.`;
    }
  } finally {
    await client.end();
  }
  if (existsSync(config.auditCheckpointFile)) {
    return `Refusing to restore: an audit checkpoint file is already at ${config.auditCheckpointFile}. Restore with a new, empty UTVAG_DATA_DIR (holding only the master key).`;
  }
  return null;
}

export async function restoreCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h') || args.length !== 1) {
    (args.length === 1 ? console.log : console.error)(RESTORE_HELP);
    return args.length === 1 ? 0 : 2;
  }
  const source = path.resolve(args[0]!);
  const config = loadConfig();
  if (!existsSync(source)) {
    console.error(`No backup at ${source}.`);
    return 1;
  }
  const refusal = config.databaseUrl
    ? await externalTargetRefusal(config.databaseUrl, config)
    : await embeddedTargetRefusal(config);
  if (refusal) {
    console.error(refusal);
    return 1;
  }
  if (!existsSync(config.masterKeyFile)) {
    console.error(
      `No master key at ${config.masterKeyFile}. Put the master key of the backed-up installation there ` +
        '(or point UTVAG_MASTER_KEY_FILE at it) before restoring: without it the data cannot be read.',
    );
    return 1;
  }
  try {
    const header = await readBackupHeader(source);
    const { keys } = await loadKeys(config.masterKeyFile, false);
    if (header.keyCheck && header.keyCheck !== masterKeyCheck(keys.master)) {
      console.error(
        `The master key at ${config.masterKeyFile} is not the key of the installation this backup was made from.`,
      );
      return 1;
    }
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`Cannot restore ${source}: ${error.message}.`);
      return 1;
    }
    throw error;
  }
  const server = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbeddedPostgres(config.dataDir, () => {}, { command: 'restore' });
  const into = config.databaseUrl ? 'the database of DATABASE_URL' : config.dataDir;
  try {
    const { files, summary } = await restoreBackup(server.url, source);
    const checkpointDir = path.dirname(config.auditCheckpointFile);
    await mkdir(checkpointDir, { recursive: true, mode: 0o700 });
    for (const file of files) {
      const destination = path.join(checkpointDir, path.basename(file.name));
      await writeFile(destination, file.content, { mode: 0o600 });
      await chmod(destination, 0o600);
    }
    console.log(
      `Restored ${summary.tables} tables, ${summary.rows} rows and ${summary.files} audit checkpoint file(s) into ${into}. Start it with ./utvag start.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(
        `Cannot restore ${source}: ${error.message}. Nothing was committed; ${
          config.databaseUrl ? 'drop and create the database again' : `delete ${config.dataDir} (keep the master key)`
        } before trying again.`,
      );
      return 1;
    }
    if (config.databaseUrl && error instanceof pg.DatabaseError && error.code === '42501') {
      // session_replication_role (holding the audit log's triggers off while its rows go back).
      console.error(
        `Cannot restore ${source}: the DATABASE_URL login may not hold triggers off (${error.message}). ` +
          'Restore as a superuser, or GRANT SET ON PARAMETER session_replication_role to the login. Nothing was committed.',
      );
      return 1;
    }
    throw error;
  } finally {
    await server.stop();
  }
}

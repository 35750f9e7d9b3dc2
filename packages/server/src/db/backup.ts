import { createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrationsFolder } from './database.ts';

/**
 * A backup is a gzipped text file of lines: `#`-lines are JSON headers (the backup, each table
 * with its columns, each sequence, each file beside the database, a closing trailer) and every
 * other line is one table row as PostgreSQL's own `to_jsonb` text, so no value passes through a
 * JavaScript number. All rows come from one REPEATABLE READ snapshot: the backup is consistent
 * while the product keeps writing. See docs/decisions/009-backup-as-a-snapshot-of-rows.md.
 */
export const BACKUP_FORMAT = 'utvag-backup';
const BACKUP_VERSION = 1;

type Header = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  postgres: string;
  /** Hashes of the migrations the backed-up database had applied, in order. */
  migrations: string[];
  /** Tells a restore whether it was given the same master key; null when the key was not at hand. */
  keyCheck: string | null;
};
type Section =
  | { kind: 'table'; schema: string; name: string; columns: string[] }
  | { kind: 'end-table'; rows: number }
  | { kind: 'sequence'; schema: string; name: string; lastValue: string; isCalled: boolean }
  | { kind: 'file'; name: string; base64: string }
  | { kind: 'end'; tables: number; rows: number };

/** A file kept beside the database that belongs in the backup (the audit checkpoints). */
export type BackupFile = { name: string; content: Buffer };

export type BackupSummary = { tables: number; rows: number; files: number };

/** A value that tells whether two master keys are the same, revealing nothing about either. */
export function masterKeyCheck(master: Buffer): string {
  return createHmac('sha256', master).update('utvag backup key check v1').digest('hex').slice(0, 32);
}

const q = (client: pg.ClientBase, schema: string, name: string) =>
  `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;

/**
 * Writes a consistent backup of the database at `url` (an owner or superuser login) and `files`
 * to `target`. The files are read by the caller before this is called, so every checkpoint in
 * them signs a head the snapshot already holds.
 */
export async function writeBackup(
  url: string,
  target: string,
  files: BackupFile[],
  keyCheck: string | null,
): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const summary: BackupSummary = { tables: 0, rows: 0, files: files.length };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // As pg_dump does: fail rather than silently skip rows a row-level policy would hide.
    await client.query('SET LOCAL row_security = off');
    const lines = async function* (): AsyncGenerator<string> {
      const version = await client.query<{ v: string }>("select current_setting('server_version') as v");
      const migrations = await client.query<{ hash: string }>(
        'select hash from drizzle.__drizzle_migrations order by created_at, id',
      );
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        postgres: version.rows[0]!.v,
        migrations: migrations.rows.map((m) => m.hash),
        keyCheck,
      };
      yield `#${JSON.stringify(header)}\n`;
      const tables = await client.query<{ schema: string; name: string; oid: number }>(
        `select n.nspname as schema, c.relname as name, c.oid::int as oid
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and not c.relispartition
            and n.nspname not in ('information_schema', 'drizzle') and n.nspname not like 'pg\\_%'
          order by 1, 2`,
      );
      for (const table of tables.rows) {
        const columns = (
          await client.query<{ name: string }>(
            `select attname as name from pg_attribute
              where attrelid = $1 and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
            [table.oid],
          )
        ).rows.map((c) => c.name);
        yield section({ kind: 'table', schema: table.schema, name: table.name, columns });
        const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(r)::text AS j FROM (SELECT ${list} FROM ${q(client, table.schema, table.name)}) r`,
        );
        let rows = 0;
        for (;;) {
          const batch = await client.query<{ j: string }>('FETCH 500 FROM backup_rows');
          if (batch.rows.length === 0) break;
          rows += batch.rows.length;
          yield batch.rows.map((r) => `${r.j}\n`).join('');
        }
        await client.query('CLOSE backup_rows');
        yield section({ kind: 'end-table', rows });
        summary.tables += 1;
        summary.rows += rows;
      }
      const sequences = await client.query<{ schema: string; name: string }>(
        `select schemaname as schema, sequencename as name from pg_sequences
          where schemaname not in ('information_schema', 'drizzle') and schemaname not like 'pg\\_%' order by 1, 2`,
      );
      for (const s of sequences.rows) {
        const value = await client.query<{ last_value: string; is_called: boolean }>(
          `select last_value::text, is_called from ${q(client, s.schema, s.name)}`,
        );
        const { last_value: lastValue, is_called: isCalled } = value.rows[0]!;
        yield section({ kind: 'sequence', schema: s.schema, name: s.name, lastValue, isCalled });
      }
      for (const file of files)
        yield section({ kind: 'file', name: file.name, base64: file.content.toString('base64') });
      yield section({ kind: 'end', tables: summary.tables, rows: summary.rows });
    };
    const partial = `${target}.partial`;
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await client.query('COMMIT');
    await cp(partial, target, { force: true });
    await rm(partial, { force: true });
    return summary;
  } finally {
    await client.end();
  }
}

function section(s: Section): string {
  return `#${JSON.stringify(s)}\n`;
}

/** The header of a backup file, read without restoring it. */
export async function readBackupHeader(file: string): Promise<Header> {
  for await (const line of backupLines(file)) return parseHeader(line);
  throw new BackupError(`${file} is empty`);
}

export class BackupError extends Error {}

function parseHeader(line: string): Header {
  try {
    const header = JSON.parse(line.slice(1)) as Header;
    if (line.startsWith('#') && header.format === BACKUP_FORMAT && header.version === BACKUP_VERSION) return header;
  } catch {
    // fall through
  }
  throw new BackupError('this is not an Utväg backup (or one from a newer version)');
}

async function* backupLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  try {
    yield* readline.createInterface({ input, crlfDelay: Infinity });
  } catch (error) {
    throw new BackupError(`${file} could not be read as an Utväg backup (${(error as Error).message})`);
  }
}

/**
 * Applies exactly the migrations the backup's database had, so its rows fit the tables; the
 * normal start applies any newer ones afterwards.
 */
async function migrateTo(url: string, hashes: string[]): Promise<void> {
  const known = readMigrationFiles({ migrationsFolder }).map((m) => m.hash);
  if (hashes.length > known.length || hashes.some((h, i) => known[i] !== h)) {
    throw new BackupError(
      'the backup was made by a different version of Utväg (its migrations do not match this one); restore it with the version that made it',
    );
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'utvag-restore-migrations-'));
  try {
    await cp(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, hashes.length);
    await writeFile(journalFile, JSON.stringify(journal));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: folder });
    } finally {
      await client.end();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Restores a backup into the empty database at `url` (a superuser login: triggers and foreign
 * keys are held off while the rows go in, in one transaction). Returns the files to put back
 * beside the database. The caller has checked the master key against `header.keyCheck`.
 */
export async function restoreBackup(
  url: string,
  file: string,
): Promise<{ header: Header; files: BackupFile[]; summary: BackupSummary }> {
  const header = await readBackupHeader(file);
  await migrateTo(url, header.migrations);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const files: BackupFile[] = [];
  const summary: BackupSummary = { tables: 0, rows: 0, files: 0 };
  try {
    await client.query('BEGIN');
    // SECURITY: restore only: the audit log's no-change trigger and the chain are restored as
    // they were, byte for byte; replica mode only stops triggers from re-firing on old rows.
    await client.query('SET LOCAL session_replication_role = replica');
    let table: Extract<Section, { kind: 'table' }> | null = null;
    let batch: string[] = [];
    let ended = false;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const list = table.columns.map((c) => client.escapeIdentifier(c)).join(', ');
      const target = q(client, table.schema, table.name);
      await client.query(
        `INSERT INTO ${target} (${list}) OVERRIDING SYSTEM VALUE
           SELECT ${list} FROM jsonb_populate_recordset(null::${target}, $1::jsonb)`,
        [`[${batch.join(',')}]`],
      );
      summary.rows += batch.length;
      batch = [];
    };
    let first = true;
    for await (const line of backupLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      if (!line.startsWith('#')) {
        if (!table) throw new BackupError('the backup is damaged (a row outside any table)');
        batch.push(line);
        if (batch.length >= 500) await flush();
        continue;
      }
      const s = JSON.parse(line.slice(1)) as Section;
      if (s.kind === 'table') table = s;
      else if (s.kind === 'end-table') {
        await flush();
        table = null;
        summary.tables += 1;
      } else if (s.kind === 'sequence') {
        await client.query('select setval($1::regclass, $2::bigint, $3)', [
          q(client, s.schema, s.name),
          s.lastValue,
          s.isCalled,
        ]);
      } else if (s.kind === 'file') files.push({ name: s.name, content: Buffer.from(s.base64, 'base64') });
      else if (s.kind === 'end') {
        if (s.rows !== summary.rows || s.tables !== summary.tables) {
          throw new BackupError('the backup is damaged (its row count does not match its trailer)');
        }
        ended = true;
      }
    }
    if (!ended) throw new BackupError('the backup is incomplete (it ends before its trailer): it was cut off');
    await client.query('COMMIT');
    await advanceTransactionIds(client);
    summary.files = files.length;
    return { header, files, summary };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The restored rows keep the transaction ids (xid8) of the server they came from (the audit
 * sealer's horizon is one). A fresh cluster counts from a few hundred, so its new transactions
 * would sort below the restored horizon and never be sealed. Consume transaction ids (one per
 * subtransaction that writes) until the counter is past every restored xid8 value.
 */
async function advanceTransactionIds(client: pg.Client): Promise<void> {
  const columns = await client.query<{ schema: string; table: string; column: string }>(
    `select n.nspname as schema, c.relname as table, a.attname as column
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where a.atttypid = 'xid8'::regtype and a.attnum > 0 and not a.attisdropped and c.relkind = 'r'
        and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'`,
  );
  let highest = 0n;
  for (const c of columns.rows) {
    const { rows } = await client.query<{ m: string | null }>(
      `select max(${client.escapeIdentifier(c.column)})::text as m from ${q(client, c.schema, c.table)}`,
    );
    if (rows[0]?.m && BigInt(rows[0].m) > highest) highest = BigInt(rows[0].m);
  }
  await client.query('create temporary table if not exists restore_xid_burn (n int)');
  for (;;) {
    const { rows } = await client.query<{ x: string }>('select pg_current_xact_id()::text as x');
    const behind = highest - BigInt(rows[0]!.x);
    if (behind < 0n) break;
    const step = behind > 100_000n ? 100_000 : Number(behind) + 1;
    await client.query(
      `do $$ begin for i in 1..${step} loop begin insert into restore_xid_burn values (i); exception when others then null; end; end loop; end $$`,
    );
  }
  await client.query('drop table restore_xid_burn');
}

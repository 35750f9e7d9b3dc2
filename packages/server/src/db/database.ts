import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A handle inside one transaction; services receive this, never the pool. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = {
  db: Db;
  pool: pg.Pool;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** How many migrations the database has applied, and how many this build ships. Throws when it is unreachable. */
export async function migrationState(database: Pick<Database, 'pool'>): Promise<{ applied: number; expected: number }> {
  const result = await database.pool.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
  return { applied: Number(result.rows[0]?.n ?? 0), expected: expectedMigrations() };
}

let shipped: number | null = null;
function expectedMigrations(): number {
  shipped ??= readMigrationFiles({ migrationsFolder }).length;
  return shipped;
}

/** Applies pending migrations as the connecting (owner) role. */
export async function applyMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
}

/**
 * Opens the application's pool. SECURITY: every connection drops to the utvag_app role,
 * which owns nothing and is subject to row-level security and the audit log's grants.
 */
export function openDatabase(url: string, max = 10, onError: (error: Error) => void = () => {}): Database {
  // A request waits at most 5 s for a connection: while the database restarts it fails (503)
  // instead of hanging.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c role=utvag_app', connectionTimeoutMillis: 5000 });
  // A connection that dies (the server restarts, the network drops) emits 'error' on its client,
  // idle or checked out between two queries of a transaction; unheard, it would end the process.
  // The pool drops the broken client and opens a fresh one for the next request.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

export type TxContext = { userId?: string | null; programmeId?: string | null };

/**
 * Runs `fn` in one transaction with the acting user and programme set on the database session,
 * so row-level security scopes every query to that programme.
 */
export async function withTransaction<T>(db: Db, context: TxContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('utvag.user_id', ${context.userId ?? ''}, true),
                 set_config('utvag.programme_id', ${context.programmeId ?? ''}, true)`,
    );
    return fn(tx);
  });
}

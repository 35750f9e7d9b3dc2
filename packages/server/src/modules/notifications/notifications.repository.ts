import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';

/** Queues a NOTIFY on `channel` in the caller's transaction; PostgreSQL delivers it on commit only. */
export async function queueNotification(tx: Tx, channel: string, payload: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}

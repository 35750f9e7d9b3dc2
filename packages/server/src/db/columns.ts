import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes: ciphertext, wrapped keys, hashes. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/**
 * A 64-bit transaction id (PostgreSQL 13+), read as a decimal string: it is compared with
 * pg_snapshot_xmin(pg_current_snapshot()), never computed with.
 */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes: ciphertext, wrapped keys, hashes. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration: DATABASE_REPLICA_URL (the dashboard reports replica)', () => {
  const primary = 'postgres://utvag@db-primary:5432/utvag';
  const replica = 'postgres://utvag_report@db-replica:5432/utvag';

  it('is read when it names a PostgreSQL URL beside DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: replica }).databaseReplicaUrl).toBe(replica);
    expect(loadConfig({ DATABASE_URL: primary }).databaseReplicaUrl).toBeUndefined();
  });

  it('refuses what is not a PostgreSQL URL, a replica without a primary, and the primary named twice', () => {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: 'mysql://x/y' })).toThrow(
      /DATABASE_REPLICA_URL: must start with postgres/,
    );
    expect(() => loadConfig({ DATABASE_REPLICA_URL: replica })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: replica })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URL: primary })).toThrow(
      /not DATABASE_URL itself/,
    );
  });
});

import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, parsed once at start. */
const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  UTVAG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  UTVAG_APP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * A streaming replica (read-only, an app-role login) for the dashboard's report queries only
   * (docs/OPERATIONS.md). Parsed and checked here; no query uses it yet (the dashboard issue does).
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  UTVAG_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  UTVAG_MASTER_KEY_FILE: z.string().min(1).optional(),
  UTVAG_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  UTVAG_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** A second checkpoint file, on another volume: verification then also reads it. */
  UTVAG_AUDIT_CHECKPOINT_COPY: z.string().min(1).optional(),
  /** A shell command that receives each checkpoint line on its standard input (to ship it away). */
  UTVAG_AUDIT_CHECKPOINT_COMMAND: z.string().min(1).optional(),
  /** SMTP server for staff notifications, e.g. smtp://user:pass@mail.example:587 (none: mail is not sent). */
  UTVAG_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  UTVAG_MAIL_FROM: z.string().min(3).default('Utväg <no-reply@localhost>'),
  /** Behind a reverse proxy: the proxy's address(es) whose X-Forwarded-For is trusted. */
  UTVAG_TRUST_PROXY: z.string().optional(),
  /**
   * Connections this instance holds to PostgreSQL at most. Default: sized for the machine,
   * 2 × cores + 1 (decision 014); every instance's pool together must stay under the server's
   * max_connections.
   */
  UTVAG_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).optional(),
  UTVAG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set by `./utvag demo` only: the instance holds synthetic data and says so on screen. */
  UTVAG_DEMO: z.enum(['0', '1']).default('0'),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A login that is a member of utvag_app only; when unset one is created per database. */
  appDatabaseUrl: string | undefined;
  /** DATABASE_REPLICA_URL: for the dashboard's report queries only, never for writes or case reads. */
  databaseReplicaUrl: string | undefined;
  publicUrl: URL;
  /** WebAuthn relying-party id: the host name of the public URL. */
  rpId: string;
  masterKeyFile: string;
  masterKeyIsDefault: boolean;
  auditCheckpointFile: string;
  auditCheckpointMinutes: number;
  auditCheckpointCopy: string | undefined;
  auditCheckpointCommand: string | undefined;
  /** Connections this instance holds to PostgreSQL at most. */
  dbPoolMax: number;
  logLevel: z.infer<typeof envSchema>['UTVAG_LOG_LEVEL'];
  demo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Addresses of trusted reverse proxies (comma-separated), or false. */
  trustProxy: string | false;
};

export class ConfigError extends Error {}

/**
 * The pool size for this machine: 2 × cores + 1, PostgreSQL's own rule of thumb for a server on
 * solid-state storage (cores × 2 + one "spindle"), bounded to 4–20. More connections than that
 * only queue inside PostgreSQL for the same cores; fewer leave cores idle while a commit waits
 * for its fsync.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(20, Math.max(4, cores * 2 + 1));
}

/** Where checkpoints are written and, on verification, read. */
export function checkpointDestinations(config: Config) {
  return { file: config.auditCheckpointFile, copy: config.auditCheckpointCopy, command: config.auditCheckpointCommand };
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (a replica of the embedded database is not supported)',
    );
  if (e.DATABASE_REPLICA_URL && e.DATABASE_REPLICA_URL === e.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: must name the replica, not DATABASE_URL itself',
    );
  const dataDir = path.resolve(e.UTVAG_DATA_DIR);
  const publicUrl = new URL(e.UTVAG_PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.UTVAG_APP_DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    publicUrl,
    rpId: publicUrl.hostname,
    masterKeyFile: path.resolve(e.UTVAG_MASTER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key')),
    masterKeyIsDefault: e.UTVAG_MASTER_KEY_FILE === undefined,
    auditCheckpointFile: path.resolve(
      e.UTVAG_AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit', 'checkpoints.jsonl'),
    ),
    auditCheckpointMinutes: e.UTVAG_AUDIT_CHECKPOINT_MINUTES,
    auditCheckpointCopy: e.UTVAG_AUDIT_CHECKPOINT_COPY ? path.resolve(e.UTVAG_AUDIT_CHECKPOINT_COPY) : undefined,
    auditCheckpointCommand: e.UTVAG_AUDIT_CHECKPOINT_COMMAND,
    dbPoolMax: e.UTVAG_DB_POOL_MAX ?? defaultPoolSize(),
    logLevel: e.UTVAG_LOG_LEVEL,
    demo: e.UTVAG_DEMO === '1',
    trustProxy: e.UTVAG_TRUST_PROXY ?? false,
    smtpUrl: e.UTVAG_SMTP_URL,
    mailFrom: e.UTVAG_MAIL_FROM,
  };
}

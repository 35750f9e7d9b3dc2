import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { appLoginPassword, prepareAppLogin } from './db/app-login.ts';
import { applyMigrations, openDatabase } from './db/database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.ts';
import type { AppDeps } from './service-context.ts';
import { loadKeys } from './modules/crypto/keys.ts';
import { LiveHub } from './modules/notifications/live-events.ts';
import { createMailer } from './modules/notifications/mailer.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const webDist = path.join(repoRoot, 'packages/web/dist');

export type Runtime = {
  deps: AppDeps;
  warnings: string[];
  /** The supervised embedded server, or null with DATABASE_URL. */
  embedded: EmbeddedServer | null;
  /** Sends what the database layer reports (restarts, lost connections) to the server's log from now on. */
  attachLogger: (logger: RuntimeLogger) => void;
  stop: () => Promise<void>;
};

/** The part of a pino logger the runtime uses. */
export type RuntimeLogger = { debug: (message: string) => void; warn: (message: string) => void };

/**
 * Brings up what the server stands on: the database (embedded unless DATABASE_URL is set),
 * its migrations, and the keys. `stop` closes the pool and stops an embedded server cleanly.
 */
export async function openRuntime(config: Config, log: (line: string) => void = () => {}): Promise<Runtime> {
  const warnings: string[] = [];
  // Until the server's logger is attached, PostgreSQL's own lines go to `log` and our notices
  // about it (an orphan stopped, a restart) are kept as warnings for the start banner.
  let logger: RuntimeLogger | null = null;
  const onDatabaseLog = (line: string, own = false) => {
    if (logger) return own ? logger.warn(line) : logger.debug(line);
    log(line);
    if (own) warnings.push(line);
  };
  const onConnectionError = (what: string) => (error: Error) =>
    onDatabaseLog(`${what}: ${error.message} (it reconnects by itself)`, true);
  let url = config.databaseUrl;
  let stopServer = async () => {};
  let embedded: EmbeddedServer | null = null;
  if (!url) {
    const server = await startEmbeddedPostgres(config.dataDir, onDatabaseLog);
    embedded = server;
    url = server.url;
    stopServer = server.stop;
  }
  try {
    await applyMigrations(url);
    const { keys, created } = await loadKeys(config.masterKeyFile, config.masterKeyIsDefault);
    if (config.masterKeyIsDefault) {
      warnings.push(
        `The master key is kept in the data directory (${config.masterKeyFile}${created ? ', just created' : ''}). ` +
          'In production keep it elsewhere (UTVAG_MASTER_KEY_FILE) and back it up apart from the data.',
      );
    }
    const appUrl = config.appDatabaseUrl ?? (await prepareAppLogin(url, await appLoginPassword(config.dataDir)));
    const database = openDatabase(appUrl, config.dbPoolMax, onConnectionError('a database connection failed'));
    const live = new LiveHub(appUrl, onConnectionError('the live-event connection failed'));
    await live.start();
    const mailer = createMailer(config.smtpUrl, config.mailFrom, log);
    if (!mailer.configured)
      warnings.push('UTVAG_SMTP_URL is not set: staff notifications are shown in the app only, not e-mailed.');
    return {
      deps: { config, database, keys, webDist, mailer, live },
      warnings,
      embedded,
      attachLogger: (l) => {
        logger = l;
      },
      stop: async () => {
        mailer.close();
        await live.stop();
        await database.close();
        await stopServer();
      },
    };
  } catch (error) {
    await stopServer();
    throw error;
  }
}

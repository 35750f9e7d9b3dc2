import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { issueSetupLinkIfNeeded } from '../modules/auth/enrolment.service.ts';
import { startAuditBackground } from '../modules/audit/audit-checkpoint.ts';
import { startMailOutbox } from '../modules/notifications/mail-outbox.ts';
import { openRuntime, repoRoot, webDist, type Runtime } from '../runtime.ts';

const HELP = `Usage: ./utvag start

Builds the web app if it is missing, applies migrations and starts the server.

Environment:
  HOST (127.0.0.1), PORT (8080), UTVAG_DATA_DIR (./data), DATABASE_URL (embedded PostgreSQL when unset),
  UTVAG_PUBLIC_URL (http://localhost:PORT), UTVAG_MASTER_KEY_FILE (<data>/keys/master.key),
  UTVAG_AUDIT_CHECKPOINT_FILE (<data>/audit/checkpoints.jsonl), UTVAG_AUDIT_CHECKPOINT_MINUTES (5),
  UTVAG_AUDIT_CHECKPOINT_COPY (none), UTVAG_AUDIT_CHECKPOINT_COMMAND (none),
  UTVAG_LOG_LEVEL (info)`;

/** Builds the web app when its bundle is missing. */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  console.log('utvag: building the web app …');
  const result = spawnSync('npm', ['run', 'build', '-w', '@utvag/web', '--silent'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the web app failed');
}

/** Starts the HTTP server on a runtime and stops everything cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config, runtime: Runtime, banner: string[] = []): Promise<number> {
  const app = await buildApp(runtime.deps, { logger: { level: config.logLevel } });
  for (const warning of runtime.warnings) app.log.warn(warning);
  runtime.attachLogger({ debug: (m) => app.log.debug(m), warn: (m) => app.log.warn(m) });
  const audit = startAuditBackground(runtime.deps, app.log);
  const outbox = startMailOutbox(runtime.deps, app.log);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Leave nothing behind: an embedded PostgreSQL would otherwise outlive this failed start.
    await audit.stop();
    await outbox.stop();
    await app.close();
    await runtime.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`Port ${config.port} on ${config.host} is already in use (set PORT).`, { cause: error });
    throw error;
  }
  const setupLink = await issueSetupLinkIfNeeded(runtime.deps);
  console.log(`\nUtväg is running at ${config.publicUrl.origin} (listening on ${config.host}:${config.port})`);
  for (const line of banner) console.log(line);
  if (setupLink) {
    console.log(
      `\nNo users yet. Create the first administrator within 30 minutes with this one-time link:\n\n  ${setupLink}\n`,
    );
  }
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'stopping');
      void stopInOrder(
        [
          ['the audit sealer and its last checkpoint', () => audit.stop()],
          ['the mail outbox sender', () => outbox.stop()],
          ['the HTTP server and its open requests', () => app.close()],
          ['the mailer, live events, database pool and embedded PostgreSQL', () => runtime.stop()],
        ],
        app.log,
      ).then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/** How long an orderly stop may take before the process gives up waiting and exits. */
export const STOP_DEADLINE_MS = 20_000;

type StopLog = { info: (o: object, m: string) => void; error: (o: object, m: string) => void };

/**
 * Runs the stop steps one after the other, each logged, within one deadline. A step that never
 * returns (a query on a connection the database dropped, a client that keeps a request open)
 * must not keep a half-stopped server alive: past the deadline the step is named in the log and
 * the process exits with 1. What is left behind heals at the next start (an embedded PostgreSQL
 * left running is found by its postmaster.pid and stopped; unsealed audit entries are sealed).
 */
export async function stopInOrder(
  steps: [string, () => Promise<unknown>][],
  log: StopLog,
  deadlineMs = STOP_DEADLINE_MS,
): Promise<number> {
  let current = 'nothing';
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log.error({ step: current, deadlineMs }, 'stop did not finish in time; exiting without waiting for this step');
      resolve(1);
    }, deadlineMs);
  });
  const run = (async () => {
    for (const [name, step] of steps) {
      current = name;
      log.info({ step: name }, 'stopping');
      try {
        await step();
      } catch (error) {
        // Go on with the rest: a failed step must not leave the database or the port held.
        log.error({ err: error, step: name }, 'a stop step failed');
      }
    }
    log.info({}, 'stopped');
    return 0;
  })();
  try {
    return await Promise.race([run, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  ensureWebBuilt();
  const runtime = await openRuntime(config);
  return serve(config, runtime);
}

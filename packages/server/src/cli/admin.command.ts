import { loadConfig } from '../config.ts';
import type { AppDeps } from '../http/context.ts';
import {
  confirmMemberByOperator,
  listUsersForOperator,
  resetSecondFactorByOperator,
} from '../modules/admin/operator.service.ts';
import { ENROLMENT_LINK_HOURS, issueSetupLinkIfNeeded } from '../modules/auth/enrolment.service.ts';
import { connectionForDataDir } from '../db/embedded.ts';
import { openRuntime } from '../runtime.ts';

const HELP = `Usage: ./utvag admin <subcommand>

  setup-link                       print a one-time link (30 minutes) to create the first administrator
  list-users                       list users, their status and roles (no case data)
  reset-second-factor <username>   remove a user's passkeys, TOTP and recovery codes, end their
                                   sessions and print a link to enrol a new second factor
  confirm-member <username>        confirm the case-reading roles an administrator asked for (for a
                                   programme that has no coordinator yet) and print the user's
                                   enrolment link when they have not enrolled

Operates on the same database as ./utvag start (UTVAG_DATA_DIR or DATABASE_URL).`;

export async function adminCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return sub ? 0 : 2;
  }
  if (!['setup-link', 'list-users', 'reset-second-factor', 'confirm-member'].includes(sub)) {
    console.error(`Unknown admin subcommand: ${sub}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  // Beside a running embedded installation the operator's command uses its PostgreSQL (published
  // in the data directory) instead of starting a second one on the claimed directory.
  const running = config.databaseUrl ? null : await connectionForDataDir(config.dataDir);
  const runtime = await openRuntime(running ? { ...config, databaseUrl: running.url } : config);
  const { deps } = runtime;
  try {
    if (sub === 'setup-link') {
      const link = await issueSetupLinkIfNeeded(deps);
      if (!link) {
        console.error(
          'Users already exist; the first administrator has been created. Ask an administrator to invite you.',
        );
        return 1;
      }
      console.log(`One-time setup link (valid 30 minutes):\n  ${link}`);
      return 0;
    }
    if (sub === 'list-users') {
      const rows = await listUsersForOperator(deps);
      if (rows.length === 0) console.log('No users.');
      for (const r of rows)
        console.log(`${r.username.padEnd(24)} ${r.status.padEnd(12)} ${r.programme ?? '-'} ${r.role ?? '-'}`);
      return 0;
    }
    const username = rest[0];
    if (!username) {
      console.error(`Name the user: ./utvag admin ${sub} <username>`);
      return 2;
    }
    if (sub === 'confirm-member') return await confirmMemberCommand(deps, username);
    const link = await resetSecondFactorByOperator(deps, username);
    if (!link) {
      console.error(`No active user named ${username}.`);
      return 1;
    }
    console.log(
      `Second factor removed. Hand this one-time link (valid ${ENROLMENT_LINK_HOURS} hours) to the user:\n  ${link}`,
    );
    return 0;
  } finally {
    await runtime.stop();
  }
}

/** Prints the outcome of confirming a user's pending roles (see confirmMemberByOperator). */
async function confirmMemberCommand(deps: AppDeps, username: string): Promise<number> {
  const result = await confirmMemberByOperator(deps, username);
  if (!result) {
    console.error(`No active user named ${username}.`);
    return 1;
  }
  if (result.roles.length === 0) {
    console.error(`${username} has no roles awaiting confirmation.`);
    return 1;
  }
  console.log(`Confirmed: ${result.roles.join(', ')}.`);
  if (result.link) {
    console.log(
      `Hand this one-time enrolment link (valid ${ENROLMENT_LINK_HOURS} hours) to the user in person:\n  ${result.link}`,
    );
  }
  return 0;
}

import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { withTransaction } from '../db/database.ts';
import { memberships, programmes, recoveryCodes, users, webauthnCredentials } from '../db/schema.ts';
import { appendAudit } from '../modules/audit/audit.service.ts';
import {
  createEnrolmentToken,
  ENROLMENT_LINK_HOURS,
  enrolmentUrl,
  issueSetupLinkIfNeeded,
} from '../modules/auth/enrolment.service.ts';
import { endAllSessions } from '../modules/auth/sessions.service.ts';
import { openRuntime } from '../runtime.ts';

const HELP = `Usage: ./utvag admin <subcommand>

  setup-link                       print a one-time link (30 minutes) to create the first administrator
  list-users                       list users, their status and roles (no case data)
  reset-second-factor <username>   remove a user's passkeys, TOTP and recovery codes, end their
                                   sessions and print a link to enrol a new second factor

Operates on the same database as ./utvag start (UTVAG_DATA_DIR or DATABASE_URL).`;

export async function adminCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return sub ? 0 : 2;
  }
  if (!['setup-link', 'list-users', 'reset-second-factor'].includes(sub)) {
    console.error(`Unknown admin subcommand: ${sub}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  const runtime = await openRuntime(config);
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
      const rows = await withTransaction(deps.database.db, {}, (tx) =>
        tx
          .select({
            username: users.username,
            status: users.status,
            role: memberships.role,
            programme: programmes.code,
          })
          .from(users)
          .leftJoin(memberships, eq(memberships.userId, users.id))
          .leftJoin(programmes, eq(programmes.id, memberships.programmeId))
          .orderBy(asc(users.username)),
      );
      if (rows.length === 0) console.log('No users.');
      for (const r of rows)
        console.log(`${r.username.padEnd(24)} ${r.status.padEnd(12)} ${r.programme ?? '-'} ${r.role ?? '-'}`);
      return 0;
    }
    const username = rest[0];
    if (!username) {
      console.error('Name the user: ./utvag admin reset-second-factor <username>');
      return 2;
    }
    const link = await withTransaction(deps.database.db, {}, async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.username, username.toLowerCase()));
      if (!user || user.status === 'deactivated') return null;
      await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, user.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await tx.update(users).set({ totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, user.id));
      await endAllSessions(tx, user.id, 'second_factor_reset');
      const purpose = user.status === 'invited' ? 'invite' : 'reset_mfa';
      const { token } = await createEnrolmentToken(tx, purpose, user.id, ENROLMENT_LINK_HOURS * 3600 * 1000);
      await appendAudit(tx, deps.keys, {
        actorUserId: null,
        programmeId: null,
        action: 'user:reset_mfa',
        recordType: 'user',
        recordId: user.id,
        details: { via: 'cli' },
      });
      return enrolmentUrl(deps, 'enrol', token);
    });
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

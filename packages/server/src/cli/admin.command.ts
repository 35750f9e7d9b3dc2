import { and, asc, eq, isNull } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { withTransaction } from '../db/database.ts';
import {
  enrolmentTokens,
  memberships,
  pendingMemberships,
  programmes,
  recoveryCodes,
  users,
  webauthnCredentials,
} from '../db/schema.ts';
import type { AppDeps } from '../http/context.ts';
import { appendAudit } from '../modules/audit/audit.service.ts';
import {
  createEnrolmentToken,
  ENROLMENT_LINK_HOURS,
  enrolmentUrl,
  issueSetupLinkIfNeeded,
} from '../modules/auth/enrolment.service.ts';
import { endAllSessions } from '../modules/auth/sessions.service.ts';
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
      console.error(`Name the user: ./utvag admin ${sub} <username>`);
      return 2;
    }
    if (sub === 'confirm-member') return await confirmMemberCommand(deps, username);
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

/**
 * The operator at the machine confirms pending case-reading roles: the bootstrap of a programme
 * with no coordinator yet. SECURITY: the operator holds the master key already; what they do is
 * audited (actor null, via cli) like every other confirmation (decision 010).
 */
async function confirmMemberCommand(deps: AppDeps, username: string): Promise<number> {
  const result = await withTransaction(deps.database.db, {}, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, username.toLowerCase()));
    if (!user || user.status === 'deactivated') return null;
    const pending = await tx.select().from(pendingMemberships).where(eq(pendingMemberships.userId, user.id));
    if (pending.length === 0) return { roles: [], link: null };
    await tx
      .insert(memberships)
      .values(pending.map((p) => ({ userId: user.id, programmeId: p.programmeId, role: p.role })))
      .onConflictDoNothing();
    await tx.delete(pendingMemberships).where(eq(pendingMemberships.userId, user.id));
    for (const programmeId of new Set(pending.map((p) => p.programmeId))) {
      await appendAudit(tx, deps.keys, {
        actorUserId: null,
        programmeId,
        action: 'member:confirm',
        recordType: 'user',
        recordId: user.id,
        details: {
          roles: pending
            .filter((p) => p.programmeId === programmeId)
            .map((p) => p.role)
            .join(','),
          via: 'cli',
        },
      });
    }
    if (user.status !== 'invited') return { roles: pending.map((p) => p.role), link: null };
    await tx
      .update(enrolmentTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(enrolmentTokens.userId, user.id), isNull(enrolmentTokens.usedAt)));
    const { token } = await createEnrolmentToken(tx, 'invite', user.id, ENROLMENT_LINK_HOURS * 3600 * 1000);
    await appendAudit(tx, deps.keys, {
      actorUserId: null,
      programmeId: pending[0]!.programmeId,
      action: 'user:enrolment_link',
      recordType: 'user',
      recordId: user.id,
      details: { delivery: 'shown', via: 'cli' },
    });
    return { roles: pending.map((p) => p.role), link: enrolmentUrl(deps, 'enrol', token) };
  });
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

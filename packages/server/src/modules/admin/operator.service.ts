import { withTransaction } from '../../db/database.ts';
import type { AppDeps } from '../../service-context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { createEnrolmentToken, ENROLMENT_LINK_HOURS, enrolmentUrl } from '../auth/enrolment.service.ts';
import { endAllSessions } from '../auth/sessions.service.ts';
import { removeSecondFactors } from './admin.repository.ts';
import { expireUnusedLinks } from './members.repository.ts';
import { allPendingRolesOf, grantAllPendingRoles, userNamed, usersWithMemberships } from './operator.repository.ts';

// What the operator at the machine does with `./utvag admin …` (cli/admin.command.ts prints it).
// SECURITY: the operator holds the master key already; each change is audited with actor null and
// `via: 'cli'`, in the same transaction as the change.

/** Users, their status and roles per programme (no case data), by username. */
export async function listUsersForOperator(deps: AppDeps) {
  return withTransaction(deps.database.db, {}, (tx) => usersWithMemberships(tx));
}

/**
 * Removes a user's passkeys, TOTP and recovery codes, ends their sessions and returns a one-time
 * link to enrol a new second factor; null when there is no such active user.
 */
export async function resetSecondFactorByOperator(deps: AppDeps, username: string): Promise<string | null> {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const user = await userNamed(tx, username.toLowerCase());
    if (!user || user.status === 'deactivated') return null;
    await removeSecondFactors(tx, user.id);
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
}

/**
 * Confirms the user's pending case-reading roles in every programme (the bootstrap of a programme
 * with no coordinator yet, decision 010) and, for an invited user, returns a fresh enrolment
 * link; null when there is no such active user.
 */
export async function confirmMemberByOperator(
  deps: AppDeps,
  username: string,
): Promise<{ roles: string[]; link: string | null } | null> {
  return withTransaction(deps.database.db, {}, async (tx) => {
    const user = await userNamed(tx, username.toLowerCase());
    if (!user || user.status === 'deactivated') return null;
    const pending = await allPendingRolesOf(tx, user.id);
    if (pending.length === 0) return { roles: [], link: null };
    await grantAllPendingRoles(tx, user.id, pending);
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
    await expireUnusedLinks(tx, user.id);
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
}

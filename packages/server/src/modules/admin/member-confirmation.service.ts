import {
  AppError,
  authorize,
  idSchema,
  isCaseReadingRole,
  programmeOf,
  type PageQuery,
  type Role,
} from '@utvag/domain';
import { z } from 'zod';
import type { Tx } from '../../db/database.ts';
import type { AppDeps, ServiceContext } from '../../service-context.ts';
import { createEnrolmentToken, ENROLMENT_LINK_HOURS, enrolmentUrl } from '../auth/enrolment.service.ts';
import type { StaffMail } from '../notifications/mailer.ts';
import {
  deletePendingRoles,
  expireUnusedLinks,
  findUser,
  grantPendingRoles,
  heldAndPendingRoles,
  insertPendingRoles,
  pendingMembersPage,
  pendingRowsOf,
  type PendingMemberKey,
} from './members.repository.ts';
import { keysetPage } from '../pagination/keyset-page.ts';

export { pendingRolesOf } from './members.repository.ts';

/**
 * How an enrolment link reached its user. SECURITY: never 'shown' to the administrator who
 * asked for a case-reading role — only to the second person who confirmed it (decision 010).
 */
export type LinkDelivery =
  | { delivery: 'email'; mail: StaffMail }
  | { delivery: 'shown'; enrolmentUrl: string; expiresAt: string }
  | { delivery: 'none' };

/** Splits a role set into the roles that take effect at once and those that need confirming. */
export function splitRoles(roles: readonly Role[]): { immediate: Role[]; needsConfirmation: Role[] } {
  return {
    immediate: roles.filter((r) => !isCaseReadingRole(r)),
    needsConfirmation: roles.filter((r) => isCaseReadingRole(r)),
  };
}

/** Records case-reading roles as waiting for a coordinator's confirmation; grants nothing yet. */
export async function requestRoles(ctx: ServiceContext, userId: string, roles: readonly Role[]): Promise<void> {
  if (roles.length === 0) return;
  await insertPendingRoles(
    ctx.tx,
    roles.map((role) => ({ userId, programmeId: ctx.actor.programmeId, role, requestedBy: ctx.actor.userId })),
  );
  await ctx.audit({
    action: 'member:request',
    recordType: 'user',
    recordId: userId,
    details: { roles: roles.join(',') },
  });
}

/** True when the user holds or awaits a case-reading role in any programme. */
export async function readsOrMayReadCases(tx: Tx, userId: string): Promise<boolean> {
  return (await heldAndPendingRoles(tx, userId)).some((role) => isCaseReadingRole(role));
}

/** The invitation e-mail. SECURITY: the link is for the addressee alone; no case data in it. */
function enrolmentMail(to: string, url: string): StaffMail {
  return {
    to,
    subject: 'Utväg: ditt konto / your account',
    text: [
      `Du har fått ett konto i Utväg. Öppna länken för att välja lösenord och andra faktor (giltig ${ENROLMENT_LINK_HOURS} timmar):`,
      url,
      'Dela inte länken med någon.',
      '',
      `You have an account in Utväg. Open the link to choose a password and a second factor (valid ${ENROLMENT_LINK_HOURS} hours):`,
      url,
      'Do not share the link with anyone.',
    ].join('\n'),
  };
}

/**
 * A fresh invitation link for a user who has not enrolled yet, replacing any earlier one:
 * e-mailed to the user when SMTP is configured and they have an address, otherwise returned
 * for the caller to hand over in person.
 */
export async function issueInvitationLink(
  tx: Tx,
  deps: AppDeps,
  user: { id: string; email: string | null },
  purpose: 'invite' | 'reset_mfa' = 'invite',
): Promise<Exclude<LinkDelivery, { delivery: 'none' }>> {
  await expireUnusedLinks(tx, user.id);
  const { token, expiresAt } = await createEnrolmentToken(tx, purpose, user.id, ENROLMENT_LINK_HOURS * 3600 * 1000);
  const url = enrolmentUrl(deps, 'enrol', token);
  if (deps.mailer.configured && user.email) return { delivery: 'email', mail: enrolmentMail(user.email, url) };
  return { delivery: 'shown', enrolmentUrl: url, expiresAt: expiresAt.toISOString() };
}

const pendingMemberKey = z.tuple([z.string().max(200), idSchema]);

/**
 * Case-reading roles awaiting confirmation in this programme, for a coordinator to decide, a page
 * of users at a time by username. SECURITY: nobody confirms their own new role; it is not even offered.
 */
export async function listPendingMembers(ctx: ServiceContext, query: PageQuery) {
  authorize(ctx.actor, 'member:confirm', programmeOf(ctx.actor));
  const page = await keysetPage(
    ctx,
    {
      list: 'pending-members',
      key: pendingMemberKey,
      fetch: (after, limit) => pendingMembersPage(ctx.tx, ctx.actor.programmeId, ctx.actor.userId, { after, limit }),
      keyOf: (row): PendingMemberKey => [row.username, row.userId],
    },
    query,
  );
  await ctx.audit({ action: 'member:list_pending' });
  return {
    members: page.items.map(({ row }) => ({
      ...row,
      roles: row.roles as Role[],
      status: row.status as 'invited' | 'active' | 'deactivated',
      requestedAt: row.requestedAt.toISOString(),
    })),
    next: page.next,
  };
}

async function requirePending(ctx: ServiceContext, userId: string) {
  const rows = await pendingRowsOf(ctx.tx, ctx.actor.programmeId, userId);
  if (rows.length === 0) throw new AppError('not_found');
  // SECURITY: the second person must be a different person — neither the new member nor the
  // administrator who asked for the role.
  if (userId === ctx.actor.userId || rows.some((r) => r.requestedBy === ctx.actor.userId)) {
    throw new AppError('forbidden', {
      message: 'Someone else must confirm this.',
      messageKey: 'errors.confirm_needs_second_person',
    });
  }
  const user = await findUser(ctx.tx, userId);
  if (!user) throw new AppError('not_found');
  return { rows, user };
}

/**
 * A coordinator confirms the case-reading roles an administrator asked for: they take effect
 * now (and their age for break-the-glass counts from now). A user who has not enrolled yet gets
 * the enrolment link — by e-mail, or shown to the confirming coordinator to hand over.
 */
export async function confirmMember(ctx: ServiceContext, userId: string): Promise<LinkDelivery> {
  authorize(ctx.actor, 'member:confirm', programmeOf(ctx.actor));
  const { rows, user } = await requirePending(ctx, userId);
  if (user.status === 'deactivated') throw new AppError('conflict', { message: 'The user is deactivated.' });
  await grantPendingRoles(
    ctx.tx,
    ctx.actor.programmeId,
    userId,
    rows.map((r) => r.role),
  );
  await ctx.audit({
    action: 'member:confirm',
    recordType: 'user',
    recordId: userId,
    details: { roles: rows.map((r) => r.role).join(',') },
  });
  if (user.status !== 'invited') return { delivery: 'none' };
  const delivery = await issueInvitationLink(ctx.tx, ctx.deps, user);
  await ctx.audit({
    action: 'user:enrolment_link',
    recordType: 'user',
    recordId: userId,
    details: { delivery: delivery.delivery },
  });
  return delivery;
}

/** A coordinator turns down the case-reading roles an administrator asked for. */
export async function rejectMember(ctx: ServiceContext, userId: string): Promise<void> {
  authorize(ctx.actor, 'member:confirm', programmeOf(ctx.actor));
  const { rows } = await requirePending(ctx, userId);
  await deletePendingRoles(ctx.tx, ctx.actor.programmeId, userId);
  await ctx.audit({
    action: 'member:reject',
    recordType: 'user',
    recordId: userId,
    details: { roles: rows.map((r) => r.role).join(',') },
  });
}

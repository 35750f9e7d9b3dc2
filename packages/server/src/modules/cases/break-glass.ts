import {
  AppError,
  authorize,
  BREAK_GLASS_ROLES,
  BREAK_GLASS_WATCH_ROLES,
  can,
  DEFAULT_BREAK_GLASS_MIN_ROLE_DAYS,
  isRoleSeasonedForBreakGlass,
  mayEverBreakGlass,
} from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { notifyLive } from '../notifications/live-events.ts';
import { queueStaffMail } from '../notifications/mail-outbox.ts';
import {
  caseOwners,
  earliestRoleMembership,
  insertBreakGlassGrant,
  membersInRoles,
  usersWithEmail,
} from './break-glass.repository.ts';
import { findCase } from './cases.repository.ts';
import { caseResource } from './case-access.ts';

/** How long emergency access lasts. */
export const BREAK_GLASS_MS = 4 * 3600 * 1000;

/** When the actor's break-the-glass role took effect in this programme, and the programme's minimum age. */
async function coordinatorRoleAge(ctx: ServiceContext) {
  return earliestRoleMembership(ctx.tx, ctx.actor.programmeId, ctx.actor.userId, BREAK_GLASS_ROLES);
}

/**
 * Break-the-glass: a coordinator outside the case's team opens it in an emergency after stating
 * a reason. SECURITY: time-limited, logged with the reason as its purpose, every read under it is
 * marked in the log, and the case owner and the programme's auditors are told at once.
 *
 * SECURITY: the order of the checks leaks nothing about which cases exist. Only someone who may
 * already open the case hears "you are on its team"; every other refusal is decided before the
 * case is consulted, or answers 404 like a random id.
 */
export async function breakGlass(ctx: ServiceContext, caseId: string, reason: string) {
  const event = { action: 'case:break_glass', recordType: 'case', recordId: caseId } as const;
  const row = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  const resource = row ? await caseResource(ctx, caseId) : null;
  if (resource && resource.teamUserIds.includes(ctx.actor.userId) && can(ctx.actor, 'case:read', resource)) {
    throw new AppError('conflict', {
      message: 'You are on this case’s team already.',
      messageKey: 'errors.already_on_team',
    });
  }
  if (!mayEverBreakGlass(ctx.actor)) throw refusal(ctx, 'not_found', event);
  // The age of the role is the same whichever id is asked for, so its refusal tells nothing either.
  const age = await coordinatorRoleAge(ctx);
  if (!age || !isRoleSeasonedForBreakGlass(age.since, age.minDays, new Date())) {
    throw refusal(
      ctx,
      'forbidden',
      { ...event, details: { reason: 'role_too_new', minRoleDays: age?.minDays ?? null } },
      {
        message: `Emergency access needs a coordinator role held for at least ${age?.minDays ?? DEFAULT_BREAK_GLASS_MIN_ROLE_DAYS} days. Ask a coordinator on the case’s team.`,
        messageKey: 'errors.break_glass_role_too_new',
      },
    );
  }
  if (!row || !resource || !can(ctx.actor, 'case:break_glass', resource)) throw refusal(ctx, 'not_found', event);
  authorize(ctx.actor, 'case:break_glass', resource);
  const expiresAt = new Date(Date.now() + BREAK_GLASS_MS);
  await insertBreakGlassGrant(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    caseId,
    userId: ctx.actor.userId,
    reason,
    expiresAt,
  });
  await ctx.audit({
    action: 'case:break_glass',
    recordType: 'case',
    recordId: caseId,
    purpose: reason,
    details: { expiresAt: expiresAt.toISOString() },
  });
  const owners = await caseOwners(ctx.tx, caseId);
  const auditors = await membersInRoles(ctx.tx, ctx.actor.programmeId, BREAK_GLASS_WATCH_ROLES);
  const recipientIds = [...new Set([...owners, ...auditors].map((r) => r.id))];
  const recipients = recipientIds.length === 0 ? [] : await usersWithEmail(ctx.tx, recipientIds);
  for (const r of recipients) {
    await notifyLive(ctx.tx, {
      userId: r.id,
      type: 'break_glass',
      caseId,
      caseCode: row.code,
      at: new Date().toISOString(),
    });
  }
  await queueStaffMail(ctx.tx, ctx.deps, {
    programmeId: ctx.actor.programmeId,
    kind: 'break_glass',
    caseId,
    caseCode: row.code,
    recipientUserIds: recipients.map((r) => r.id),
  });
  return { expiresAt: expiresAt.toISOString() };
}

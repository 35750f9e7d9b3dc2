import { AppError, authorize, BREAK_GLASS_WATCH_ROLES } from '@utvag/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { breakGlassGrants, caseTeamMembers, memberships, users } from '../../db/schema.ts';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { notifyLive } from '../notifications/live-events.ts';
import { findCase } from './cases.repository.ts';
import { caseResource } from './case-access.ts';

/** How long emergency access lasts. */
export const BREAK_GLASS_MS = 4 * 3600 * 1000;

export type BreakGlassNotice = { caseId: string; code: string; emails: string[] };

/**
 * Break-the-glass: a coordinator outside the case's team opens it in an emergency after stating
 * a reason. SECURITY: time-limited, logged with the reason as its purpose, every read under it is
 * marked in the log, and the case owner and the programme's auditors are told at once.
 */
export async function breakGlass(ctx: ServiceContext, caseId: string, reason: string) {
  const row = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  if (!row) throw refusal(ctx, 'not_found', { action: 'case:break_glass', recordType: 'case', recordId: caseId });
  const resource = await caseResource(ctx, caseId);
  if (resource.teamUserIds.includes(ctx.actor.userId)) {
    throw new AppError('conflict', {
      message: 'You are on this case’s team already.',
      messageKey: 'errors.already_on_team',
    });
  }
  authorize(ctx.actor, 'case:break_glass', resource);
  const expiresAt = new Date(Date.now() + BREAK_GLASS_MS);
  await ctx.tx
    .insert(breakGlassGrants)
    .values({ programmeId: ctx.actor.programmeId, caseId, userId: ctx.actor.userId, reason, expiresAt });
  await ctx.audit({
    action: 'case:break_glass',
    recordType: 'case',
    recordId: caseId,
    purpose: reason,
    details: { expiresAt: expiresAt.toISOString() },
  });
  const owners = await ctx.tx
    .select({ id: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(and(eq(caseTeamMembers.caseId, caseId), eq(caseTeamMembers.isOwner, true)));
  const auditors = await ctx.tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(
      and(eq(memberships.programmeId, ctx.actor.programmeId), inArray(memberships.role, [...BREAK_GLASS_WATCH_ROLES])),
    );
  const recipientIds = [...new Set([...owners, ...auditors].map((r) => r.id))];
  const recipients =
    recipientIds.length === 0
      ? []
      : await ctx.tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, recipientIds));
  for (const r of recipients) {
    await notifyLive(ctx.tx, {
      userId: r.id,
      type: 'break_glass',
      caseId,
      caseCode: row.code,
      at: new Date().toISOString(),
    });
  }
  return {
    expiresAt: expiresAt.toISOString(),
    notice: {
      caseId,
      code: row.code,
      emails: recipients.map((r) => r.email).filter((e): e is string => !!e),
    } satisfies BreakGlassNotice,
  };
}

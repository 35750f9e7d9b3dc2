import { AppError, authorize, programmeOf, CASE_WORKING_ROLES } from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { requireCase } from './case-access.ts';
import {
  activeMembershipInRoles,
  activeMembersInRoles,
  deleteNonOwnerTeamMember,
  insertTeamMember,
  membershipsOf,
  teamWithOrganisations,
} from './case-team.repository.ts';

/** Who works the case: names, organisations and roles (no case data). */
export async function listTeam(ctx: ServiceContext, caseId: string) {
  await requireCase(ctx, caseId);
  const rows = await teamWithOrganisations(ctx.tx, caseId);
  const roles = rows.length
    ? await membershipsOf(
        ctx.tx,
        ctx.actor.programmeId,
        rows.map((r) => r.userId),
      )
    : [];
  return rows.map((r) => ({
    userId: r.userId,
    displayName: r.displayName,
    organisation: { id: r.organisationId, name: r.organisationName },
    isOwner: r.isOwner,
    roles: roles.filter((m) => m.userId === r.userId).map((m) => m.role),
  }));
}

/**
 * Puts a colleague on the case team (a partner caseworker, a coach, another coordinator). SECURITY:
 * being on the team is not enough for partners and coaches: consent must still cover them.
 */
export async function addTeamMember(ctx: ServiceContext, caseId: string, userId: string) {
  await requireCase(ctx, caseId, 'case:manage_team');
  const member = await activeMembershipInRoles(ctx.tx, ctx.actor.programmeId, userId, CASE_WORKING_ROLES);
  if (!member) {
    throw new AppError('validation', {
      message: 'That person does not work cases in this programme.',
      messageKey: 'errors.not_case_staff',
      fieldErrors: { userId: ['errors.not_case_staff'] },
    });
  }
  await insertTeamMember(ctx.tx, { caseId, programmeId: ctx.actor.programmeId, userId });
  await ctx.audit({ action: 'case:team_add', recordType: 'case', recordId: caseId, details: { userId } });
  return listTeam(ctx, caseId);
}

/** Takes someone off the team; the case's owner stays. */
export async function removeTeamMember(ctx: ServiceContext, caseId: string, userId: string) {
  await requireCase(ctx, caseId, 'case:manage_team');
  if (!(await deleteNonOwnerTeamMember(ctx.tx, caseId, userId))) {
    throw new AppError('conflict', {
      message: 'Not on the team, or the case’s owner.',
      messageKey: 'errors.team_remove_refused',
    });
  }
  await ctx.audit({ action: 'case:team_remove', recordType: 'case', recordId: caseId, details: { userId } });
  return listTeam(ctx, caseId);
}

/** Colleagues who can be put on a case team: active members with a case-working role. */
export async function teamCandidates(ctx: ServiceContext) {
  authorize(ctx.actor, 'organisation:read', programmeOf(ctx.actor));
  const rows = await activeMembersInRoles(ctx.tx, ctx.actor.programmeId, CASE_WORKING_ROLES);
  const byUser = new Map<string, { userId: string; displayName: string; organisationName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? {
      userId: r.userId,
      displayName: r.displayName,
      organisationName: r.organisationName,
      roles: [],
    };
    entry.roles.push(r.role);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));
}

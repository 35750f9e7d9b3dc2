import {
  AppError,
  authorize,
  type CreateOrganisationBody,
  type CreateProgrammeBody,
  type InviteUserBody,
  type Role,
  programmeOf,
  administers,
  ADMINISTRATION_ROLE,
  idSchema,
  type PageQuery,
} from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import * as repo from './admin.repository.ts';
import type { UserListKey } from './admin.repository.ts';
import { endAllSessions } from '../auth/sessions.service.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import { createEnrolmentToken, ENROLMENT_LINK_HOURS, enrolmentUrl } from '../auth/enrolment.service.ts';
import { issueInvitationLink, readsOrMayReadCases, requestRoles, splitRoles } from './member-confirmation.service.ts';

/**
 * SECURITY: an administrator manages only users who are members of their own programme (or
 * await a role in it).
 */
async function requireMemberUser(ctx: ServiceContext, userId: string) {
  const user = await repo.findMemberUser(ctx.tx, ctx.actor.programmeId, userId);
  if (!user) throw new AppError('not_found');
  return user;
}

/** Users as the administrator sees them: no secrets, roles in this programme only (one query for all). */
async function presentUsers(ctx: ServiceContext, rows: readonly repo.UserListRow[]) {
  const roles = Map.groupBy(
    await repo.rolesInProgramme(
      ctx.tx,
      ctx.actor.programmeId,
      rows.map((r) => r.id),
    ),
    (r) => r.userId,
  );
  return rows.map((row) => {
    const own = roles.get(row.id) ?? [];
    const secondFactors: ('passkey' | 'totp')[] = [];
    if (row.hasPasskey) secondFactors.push('passkey');
    if (row.hasTotp) secondFactors.push('totp');
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      email: row.email,
      organisation: row.organisation,
      roles: own.filter((r) => !r.pending).map((r) => r.role),
      /** Case-reading roles a coordinator has yet to confirm; they grant nothing until then. */
      pendingRoles: own.filter((r) => r.pending).map((r) => r.role),
      status: row.status as 'invited' | 'active' | 'deactivated',
      secondFactors,
    };
  });
}

/** One user as the administrator sees them. */
async function presentUser(ctx: ServiceContext, userId: string) {
  const [user] = await presentUsers(ctx, await repo.usersOfProgramme(ctx.tx, ctx.actor.programmeId, userId));
  if (!user) throw new AppError('not_found');
  return user;
}

export type PresentedUser = Awaited<ReturnType<typeof presentUser>>;

/** The key of a user-list cursor: (username, id). */
const userListKey = z.tuple([z.string().max(200), idSchema]);

/**
 * A page of everyone with a role, or awaiting one, in the administrator's programme, by
 * username. Set-based: two queries for the page (the users with their second factors, then the
 * roles of all of them), never one per user.
 */
export async function listUsers(ctx: ServiceContext, query: PageQuery) {
  authorize(ctx.actor, 'user:list', programmeOf(ctx.actor));
  const page = await keysetPage(
    ctx,
    {
      list: 'admin-users',
      key: userListKey,
      fetch: (after, limit) => repo.usersOfProgramme(ctx.tx, ctx.actor.programmeId, undefined, { after, limit }),
      keyOf: (row): UserListKey => [row.username, row.id],
    },
    query,
  );
  await ctx.audit({ action: 'user:list' });
  return {
    users: await presentUsers(
      ctx,
      page.items.map(({ row }) => row),
    ),
    next: page.next,
  };
}

/**
 * Invites a user with roles in this programme. Roles that do not read cases take effect at once
 * and the one-time enrolment link is returned to hand over.
 * SECURITY: separation of duties (decision 010). Case-reading roles wait for a coordinator's
 * confirmation, and the link is then issued to the user or the confirming coordinator — never
 * to this administrator, who could otherwise enrol the account themselves and read cases.
 */
export async function inviteUser(ctx: ServiceContext, input: InviteUserBody) {
  authorize(ctx.actor, 'user:invite', programmeOf(ctx.actor));
  if (await repo.usernameTaken(ctx.tx, input.username))
    throw new AppError('conflict', { message: 'That username is taken.', messageKey: 'errors.username_taken' });
  if (!(await repo.organisationExists(ctx.tx, input.organisationId)))
    throw new AppError('validation', {
      message: 'Unknown organisation.',
      fieldErrors: { organisationId: ['errors.not_found'] },
    });
  const userId = await repo.insertUser(ctx.tx, {
    username: input.username,
    displayName: input.displayName,
    email: input.email ?? null,
    organisationId: input.organisationId,
  });
  const { immediate, needsConfirmation } = splitRoles(input.roles);
  await repo.insertMemberships(ctx.tx, ctx.actor.programmeId, userId, immediate);
  await ctx.audit({
    action: 'user:invite',
    recordType: 'user',
    recordId: userId,
    details: { roles: input.roles.join(',') },
  });
  await requestRoles(ctx, userId, needsConfirmation);
  if (needsConfirmation.length > 0) {
    return { user: await presentUser(ctx, userId), awaitingConfirmation: true };
  }
  const { token, expiresAt } = await createEnrolmentToken(ctx.tx, 'invite', userId, ENROLMENT_LINK_HOURS * 3600 * 1000);
  return {
    user: await presentUser(ctx, userId),
    awaitingConfirmation: false,
    enrolmentUrl: enrolmentUrl(ctx.deps, 'enrol', token),
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * Replaces a user's roles in this programme. Roles kept keep their start date (break-the-glass
 * counts from it); a case-reading role added waits for a coordinator's confirmation.
 */
export async function updateRoles(ctx: ServiceContext, userId: string, roles: Role[]) {
  authorize(ctx.actor, 'user:update_roles', programmeOf(ctx.actor));
  await requireMemberUser(ctx, userId);
  if (userId === ctx.actor.userId && !administers(roles)) {
    throw new AppError('conflict', {
      message: 'You cannot remove your own administrator role.',
      messageKey: 'errors.own_admin_role',
    });
  }
  // Concurrent changes of the same user's roles queue on the user's row, so each applies whole.
  await repo.lockUser(ctx.tx, userId);
  const held = await repo.heldRoles(ctx.tx, ctx.actor.programmeId, userId);
  const wanted = new Set(roles);
  await repo.deleteMemberships(
    ctx.tx,
    ctx.actor.programmeId,
    userId,
    held.filter((r) => !wanted.has(r)),
  );
  await repo.deletePendingRolesExcept(ctx.tx, ctx.actor.programmeId, userId, roles);
  const { immediate, needsConfirmation } = splitRoles(roles.filter((r) => !held.includes(r)));
  await repo.insertMemberships(ctx.tx, ctx.actor.programmeId, userId, immediate);
  await ctx.audit({
    action: 'user:update_roles',
    recordType: 'user',
    recordId: userId,
    details: { roles: roles.join(',') },
  });
  await requestRoles(ctx, userId, needsConfirmation);
  return presentUser(ctx, userId);
}

/** Deactivates a user; every session of theirs ends at once. */
export async function deactivateUser(ctx: ServiceContext, userId: string) {
  authorize(ctx.actor, 'user:deactivate', programmeOf(ctx.actor));
  await requireMemberUser(ctx, userId);
  if (userId === ctx.actor.userId)
    throw new AppError('conflict', { message: 'You cannot deactivate yourself.', messageKey: 'errors.own_account' });
  await repo.setUserDeactivated(ctx.tx, userId);
  const ended = await endAllSessions(ctx.tx, userId, 'deactivated');
  await repo.useUpAllLinks(ctx.tx, userId);
  await ctx.audit({
    action: 'user:deactivate',
    recordType: 'user',
    recordId: userId,
    details: { sessionsEnded: ended },
  });
  return presentUser(ctx, userId);
}

/**
 * Removes a user's second factors (lost phone, lost key) and issues a link to enrol new ones.
 * Their sessions end; until they enrol again they cannot sign in.
 * SECURITY: for a user who has not enrolled yet the link also sets the password, so for one who
 * holds or awaits a case-reading role it is never shown to the administrator (decision 010): it
 * goes by e-mail, or the operator issues it with `./utvag admin reset-second-factor`.
 */
export async function resetSecondFactor(ctx: ServiceContext, userId: string) {
  authorize(ctx.actor, 'user:reset_mfa', programmeOf(ctx.actor));
  const user = await requireMemberUser(ctx, userId);
  if (user.status === 'deactivated') throw new AppError('conflict', { message: 'The user is deactivated.' });
  if (user.status === 'invited' && (await readsOrMayReadCases(ctx.tx, userId))) {
    if (!ctx.deps.mailer.configured || !user.email) {
      throw new AppError('conflict', {
        message:
          'This user has not enrolled and reads cases: the link can only go to them by e-mail, or from the operator’s ./utvag admin reset-second-factor.',
        messageKey: 'errors.link_not_for_admin',
      });
    }
    const delivery = await issueInvitationLink(ctx.tx, ctx.deps, user);
    await ctx.audit({
      action: 'user:enrolment_link',
      recordType: 'user',
      recordId: userId,
      details: { delivery: delivery.delivery },
    });
    return delivery;
  }
  await repo.removeSecondFactors(ctx.tx, userId);
  await endAllSessions(ctx.tx, userId, 'second_factor_reset');
  const { token, expiresAt } = await createEnrolmentToken(
    ctx.tx,
    user.status === 'invited' ? 'invite' : 'reset_mfa',
    userId,
    ENROLMENT_LINK_HOURS * 3600 * 1000,
  );
  await ctx.audit({ action: 'user:reset_mfa', recordType: 'user', recordId: userId });
  return {
    delivery: 'shown' as const,
    enrolmentUrl: enrolmentUrl(ctx.deps, 'enrol', token),
    expiresAt: expiresAt.toISOString(),
  };
}

/** The organisations a coordinator may name as recipients of a consent or a legal basis. */
export async function listOrganisationsForConsent(ctx: ServiceContext) {
  authorize(ctx.actor, 'organisation:read', programmeOf(ctx.actor));
  return repo.allOrganisations(ctx.tx);
}

/** All organisations (they are shared between programmes). */
export async function listOrganisations(ctx: ServiceContext) {
  authorize(ctx.actor, 'organisation:list', programmeOf(ctx.actor));
  return repo.allOrganisations(ctx.tx);
}

export async function createOrganisation(ctx: ServiceContext, input: CreateOrganisationBody) {
  authorize(ctx.actor, 'organisation:manage', programmeOf(ctx.actor));
  if (await repo.organisationNameTaken(ctx.tx, input.name))
    throw new AppError('conflict', {
      message: 'An organisation with that name exists.',
      messageKey: 'errors.name_taken',
    });
  const row = await repo.insertOrganisation(ctx.tx, input);
  await ctx.audit({ action: 'organisation:create', recordType: 'organisation', recordId: row.id });
  return row;
}

/** Programmes the administrator administers. */
export async function listProgrammes(ctx: ServiceContext) {
  authorize(ctx.actor, 'programme:list', programmeOf(ctx.actor));
  return repo.programmesWhereUserHolds(ctx.tx, ctx.actor.userId, ADMINISTRATION_ROLE);
}

/** Creates a programme; its creator becomes its first administrator. */
export async function createProgramme(ctx: ServiceContext, input: CreateProgrammeBody) {
  authorize(ctx.actor, 'programme:manage', programmeOf(ctx.actor));
  if (await repo.programmeCodeTaken(ctx.tx, input.code))
    throw new AppError('conflict', { message: 'A programme with that code exists.', messageKey: 'errors.code_taken' });
  const row = await repo.insertProgramme(ctx.tx, input);
  await repo.insertMemberships(ctx.tx, row.id, ctx.actor.userId, [ADMINISTRATION_ROLE]);
  await ctx.audit({ action: 'programme:create', recordType: 'programme', recordId: row.id });
  return row;
}

/** Changes a programme's sign-in policy; only an administrator of that programme may. */
export async function updateProgramme(
  ctx: ServiceContext,
  programmeId: string,
  input: { requirePhishingResistant: boolean },
) {
  authorize(ctx.actor, 'programme:manage', programmeOf(ctx.actor));
  const mine = await listProgrammes(ctx);
  if (!mine.some((p) => p.id === programmeId)) throw new AppError('not_found');
  const row = await repo.updateProgrammePolicy(ctx.tx, programmeId, input);
  await ctx.audit({
    action: 'programme:update',
    recordType: 'programme',
    recordId: programmeId,
    details: { requirePhishingResistant: input.requirePhishingResistant },
  });
  return row;
}

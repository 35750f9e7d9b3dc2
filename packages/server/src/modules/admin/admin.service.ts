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
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { ServiceContext } from '../../service-context.ts';
import {
  enrolmentTokens,
  memberships,
  organisations,
  pendingMemberships,
  programmes,
  recoveryCodes,
  users,
  webauthnCredentials,
} from '../../db/schema.ts';
import { endAllSessions } from '../auth/sessions.service.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import { usersOfProgramme, type UserListKey } from './users.repository.ts';
import { createEnrolmentToken, ENROLMENT_LINK_HOURS, enrolmentUrl } from '../auth/enrolment.service.ts';
import { secondFactorsOf } from '../auth/second-factor.ts';
import {
  issueInvitationLink,
  pendingRolesOf,
  readsOrMayReadCases,
  requestRoles,
  splitRoles,
} from './member-confirmation.service.ts';

/**
 * SECURITY: an administrator manages only users who are members of their own programme (or
 * await a role in it).
 */
async function requireMemberUser(ctx: ServiceContext, userId: string) {
  const [row] = await ctx.tx
    .select({ user: users })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(memberships.programmeId, ctx.actor.programmeId)))
    .limit(1);
  if (row) return row.user;
  const [pending] = await ctx.tx
    .select({ user: users })
    .from(users)
    .innerJoin(pendingMemberships, eq(pendingMemberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(pendingMemberships.programmeId, ctx.actor.programmeId)))
    .limit(1);
  if (!pending) throw new AppError('not_found');
  return pending.user;
}

/** A user as the administrator sees them: no secrets, roles in this programme only. */
async function presentUser(ctx: ServiceContext, userId: string) {
  const [row] = await ctx.tx
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError('not_found');
  const roles = await ctx.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.programmeId, ctx.actor.programmeId)));
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    email: row.user.email,
    organisation: { id: row.organisation.id, name: row.organisation.name, kind: row.organisation.kind },
    roles: roles.map((r) => r.role as Role),
    /** Case-reading roles a coordinator has yet to confirm; they grant nothing until then. */
    pendingRoles: await pendingRolesOf(ctx.tx, ctx.actor.programmeId, userId),
    status: row.user.status as 'invited' | 'active' | 'deactivated',
    secondFactors: await secondFactorsOf(ctx.tx, userId),
  };
}

export type PresentedUser = Awaited<ReturnType<typeof presentUser>>;

/** The key of a user-list cursor: (username, id). */
const userListKey = z.tuple([z.string().max(200), idSchema]);

/**
 * A page of everyone with a role, or awaiting one, in the administrator's programme, by
 * username. Set-based: one query for the page (roles, awaited roles and second factors
 * included), never one per user.
 */
export async function listUsers(ctx: ServiceContext, query: PageQuery) {
  authorize(ctx.actor, 'user:list', programmeOf(ctx.actor));
  const page = await keysetPage(
    ctx,
    {
      list: 'admin-users',
      key: userListKey,
      fetch: (after, limit) => usersOfProgramme(ctx.tx, ctx.actor.programmeId, { after, limit }),
      keyOf: (row): UserListKey => [row.username, row.id],
    },
    query,
  );
  await ctx.audit({ action: 'user:list' });
  const presented: PresentedUser[] = page.items.map(({ row }) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    organisation: row.organisation,
    roles: row.roles,
    pendingRoles: row.pendingRoles,
    status: row.status as PresentedUser['status'],
    secondFactors: [...(row.hasPasskey ? ['passkey' as const] : []), ...(row.hasTotp ? ['totp' as const] : [])],
  }));
  return { users: presented, next: page.next };
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
  const [existing] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing)
    throw new AppError('conflict', { message: 'That username is taken.', messageKey: 'errors.username_taken' });
  const [organisation] = await ctx.tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation)
    throw new AppError('validation', {
      message: 'Unknown organisation.',
      fieldErrors: { organisationId: ['errors.not_found'] },
    });
  const [user] = await ctx.tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      organisationId: input.organisationId,
    })
    .returning({ id: users.id });
  const { immediate, needsConfirmation } = splitRoles(input.roles);
  if (immediate.length > 0) {
    await ctx.tx
      .insert(memberships)
      .values(immediate.map((role) => ({ userId: user!.id, programmeId: ctx.actor.programmeId, role })));
  }
  await ctx.audit({
    action: 'user:invite',
    recordType: 'user',
    recordId: user!.id,
    details: { roles: input.roles.join(',') },
  });
  await requestRoles(ctx, user!.id, needsConfirmation);
  if (needsConfirmation.length > 0) {
    return { user: await presentUser(ctx, user!.id), awaitingConfirmation: true };
  }
  const { token, expiresAt } = await createEnrolmentToken(
    ctx.tx,
    'invite',
    user!.id,
    ENROLMENT_LINK_HOURS * 3600 * 1000,
  );
  return {
    user: await presentUser(ctx, user!.id),
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
  await ctx.tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const inProgramme = (table: typeof memberships | typeof pendingMemberships) =>
    and(eq(table.userId, userId), eq(table.programmeId, ctx.actor.programmeId));
  const held = (await ctx.tx.select({ role: memberships.role }).from(memberships).where(inProgramme(memberships))).map(
    (r) => r.role as Role,
  );
  const wanted = new Set(roles);
  const dropped = held.filter((r) => !wanted.has(r));
  if (dropped.length > 0) {
    await ctx.tx.delete(memberships).where(and(inProgramme(memberships), inArray(memberships.role, dropped)));
  }
  await ctx.tx
    .delete(pendingMemberships)
    .where(and(inProgramme(pendingMemberships), notInArray(pendingMemberships.role, roles)));
  const { immediate, needsConfirmation } = splitRoles(roles.filter((r) => !held.includes(r)));
  if (immediate.length > 0) {
    await ctx.tx
      .insert(memberships)
      .values(immediate.map((role) => ({ userId, programmeId: ctx.actor.programmeId, role })))
      .onConflictDoNothing();
  }
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
  await ctx.tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, userId));
  const ended = await endAllSessions(ctx.tx, userId, 'deactivated');
  await ctx.tx.update(enrolmentTokens).set({ usedAt: new Date() }).where(eq(enrolmentTokens.userId, userId));
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
  await ctx.tx.delete(webauthnCredentials).where(eq(webauthnCredentials.userId, userId));
  await ctx.tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await ctx.tx.update(users).set({ totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, userId));
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
  return ctx.tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

/** All organisations (they are shared between programmes). */
export async function listOrganisations(ctx: ServiceContext) {
  authorize(ctx.actor, 'organisation:list', programmeOf(ctx.actor));
  return ctx.tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function createOrganisation(ctx: ServiceContext, input: CreateOrganisationBody) {
  authorize(ctx.actor, 'organisation:manage', programmeOf(ctx.actor));
  const [existing] = await ctx.tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, input.name));
  if (existing)
    throw new AppError('conflict', {
      message: 'An organisation with that name exists.',
      messageKey: 'errors.name_taken',
    });
  const [row] = await ctx.tx
    .insert(organisations)
    .values(input)
    .returning({ id: organisations.id, name: organisations.name, kind: organisations.kind });
  await ctx.audit({ action: 'organisation:create', recordType: 'organisation', recordId: row!.id });
  return row!;
}

/** Programmes the administrator administers. */
export async function listProgrammes(ctx: ServiceContext) {
  authorize(ctx.actor, 'programme:list', programmeOf(ctx.actor));
  const mine = await ctx.tx
    .select({ id: memberships.programmeId })
    .from(memberships)
    .where(and(eq(memberships.userId, ctx.actor.userId), eq(memberships.role, ADMINISTRATION_ROLE)));
  if (mine.length === 0) return [];
  return ctx.tx
    .select({
      id: programmes.id,
      code: programmes.code,
      name: programmes.name,
      requirePhishingResistant: programmes.requirePhishingResistant,
    })
    .from(programmes)
    .where(
      inArray(
        programmes.id,
        mine.map((m) => m.id),
      ),
    )
    .orderBy(asc(programmes.code));
}

/** Creates a programme; its creator becomes its first administrator. */
export async function createProgramme(ctx: ServiceContext, input: CreateProgrammeBody) {
  authorize(ctx.actor, 'programme:manage', programmeOf(ctx.actor));
  const [existing] = await ctx.tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, input.code));
  if (existing)
    throw new AppError('conflict', { message: 'A programme with that code exists.', messageKey: 'errors.code_taken' });
  const [row] = await ctx.tx.insert(programmes).values(input).returning();
  await ctx.tx
    .insert(memberships)
    .values({ userId: ctx.actor.userId, programmeId: row!.id, role: ADMINISTRATION_ROLE });
  await ctx.audit({ action: 'programme:create', recordType: 'programme', recordId: row!.id });
  return { id: row!.id, code: row!.code, name: row!.name, requirePhishingResistant: row!.requirePhishingResistant };
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
  const [row] = await ctx.tx.update(programmes).set(input).where(eq(programmes.id, programmeId)).returning();
  await ctx.audit({
    action: 'programme:update',
    recordType: 'programme',
    recordId: programmeId,
    details: { requirePhishingResistant: input.requirePhishingResistant },
  });
  return { id: row!.id, code: row!.code, name: row!.name, requirePhishingResistant: row!.requirePhishingResistant };
}

import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import {
  enrolmentTokens,
  memberships,
  organisations,
  programmes,
  recoveryCodes,
  sessions,
  signInThrottle,
  users,
  webauthnCredentials,
} from '../../db/schema.ts';

// All of the auth module's SQL: users as sign-in sees them, sessions, the sign-in throttle, second
// factors (TOTP state, recovery codes, passkeys) and one-time enrolment links. The services decide;
// these functions only read and write rows. Secrets arrive here already hashed or encrypted.

export type UserRow = typeof users.$inferSelect;

// ---- Users ----------------------------------------------------------------------------------

export async function userByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  const [user] = await tx.select().from(users).where(eq(users.username, username));
  return user;
}

export async function userById(tx: Tx, userId: string): Promise<UserRow | undefined> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  return user;
}

/** The sign-in policy of every programme the user belongs to (one row per membership). */
export async function programmePoliciesOfUser(tx: Tx, userId: string): Promise<{ strict: boolean }[]> {
  return tx
    .select({ strict: programmes.requirePhishingResistant })
    .from(memberships)
    .innerJoin(programmes, eq(programmes.id, memberships.programmeId))
    .where(eq(memberships.userId, userId));
}

/** The user's first programme by code, where a fresh sign-in lands; null without one. */
export async function firstProgrammeOf(tx: Tx, userId: string): Promise<string | null> {
  const [first] = await tx
    .select({ programmeId: memberships.programmeId })
    .from(memberships)
    .innerJoin(programmes, eq(programmes.id, memberships.programmeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(programmes.code))
    .limit(1);
  return first?.programmeId ?? null;
}

export async function countUsers(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function activateUser(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ status: 'active' }).where(eq(users.id, userId));
}

/** The first organisation, programme and administrator of a fresh installation. */
export async function insertFirstAdministrator(
  tx: Tx,
  input: {
    organisation: typeof organisations.$inferInsert;
    programme: typeof programmes.$inferInsert;
    user: { username: string; displayName: string };
    role: string;
  },
): Promise<{ userId: string; programmeId: string }> {
  const [organisation] = await tx.insert(organisations).values(input.organisation).returning();
  const [programme] = await tx.insert(programmes).values(input.programme).returning();
  const [user] = await tx
    .insert(users)
    .values({ ...input.user, organisationId: organisation!.id })
    .returning();
  await tx.insert(memberships).values({ userId: user!.id, programmeId: programme!.id, role: input.role });
  return { userId: user!.id, programmeId: programme!.id };
}

// ---- Sessions -------------------------------------------------------------------------------

export async function insertSession(tx: Tx, values: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(values);
}

export async function updateSession(tx: Tx, sessionId: string, values: Partial<typeof sessions.$inferInsert>) {
  await tx.update(sessions).set(values).where(eq(sessions.id, sessionId));
}

/** Ends one session unless it has ended already. */
export async function endSessionRow(tx: Tx, sessionId: string, reason: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of a user; returns how many. */
export async function endSessionsOfUser(tx: Tx, userId: string, reason: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** The open session with this token hash, with its user's status. */
/** One statement; also run outside a transaction (sessions.service.ts: resolveSessionOnce). */
export async function openSessionByTokenHash(q: Tx | Db, tokenHash: Buffer) {
  const [row] = await q
    .select({ session: sessions, userStatus: users.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)))
    .limit(1);
  return row;
}

// ---- Sign-in throttle (keys are HMACs) ------------------------------------------------------

export async function throttleRow(tx: Tx, key: string) {
  const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key));
  return row;
}

/** Counts one failure on `key` (a new window when the old one has passed), then locks it at `limit`. */
export async function countFailure(
  tx: Tx,
  key: string,
  limit: number,
  now: Date,
  windowStart: Date,
  lockedUntil: Date,
): Promise<void> {
  await tx
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.windowStart} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
        windowStart: sql`case when ${signInThrottle.windowStart} < ${windowStart} then ${now} else ${signInThrottle.windowStart} end`,
      },
    });
  await tx
    .update(signInThrottle)
    .set({ lockedUntil, failures: 0, windowStart: now })
    .where(sql`${signInThrottle.key} = ${key} and ${signInThrottle.failures} >= ${limit}`);
}

export async function deleteThrottle(tx: Tx, key: string): Promise<void> {
  await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

// ---- Second factors -------------------------------------------------------------------------

/** The sealed TOTP secret and last used step, the row locked so one code is accepted once. */
export async function totpStateForUpdate(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ enc: users.totpSecretEnc, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  return user;
}

export async function setTotp(tx: Tx, userId: string, values: { totpSecretEnc?: Buffer; totpLastStep: number }) {
  await tx.update(users).set(values).where(eq(users.id, userId));
}

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, codeHashes: readonly Buffer[]): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks the unused code with this hash used; true when there was one. */
export async function consumeRecoveryCode(tx: Tx, userId: string, codeHash: Buffer): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const left = await tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return left.length;
}

/** The user's passkeys (id and transports). */
export async function passkeysOf(tx: Tx, userId: string) {
  return tx
    .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
}

/** One passkey of this user by credential id. */
export async function passkeyOf(tx: Tx, userId: string, credentialId: string) {
  const [cred] = await tx
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.id, credentialId), eq(webauthnCredentials.userId, userId)));
  return cred;
}

export async function insertPasskey(tx: Tx, values: typeof webauthnCredentials.$inferInsert): Promise<void> {
  await tx.insert(webauthnCredentials).values(values);
}

export async function setPasskeyCounter(tx: Tx, credentialId: string, counter: number): Promise<void> {
  await tx.update(webauthnCredentials).set({ counter }).where(eq(webauthnCredentials.id, credentialId));
}

/** Whether the user has a TOTP secret. */
export async function hasTotpSecret(tx: Tx, userId: string): Promise<boolean> {
  const [user] = await tx.select({ enc: users.totpSecretEnc }).from(users).where(eq(users.id, userId));
  return Boolean(user?.enc);
}

// ---- One-time enrolment links (only hashes stored) ------------------------------------------

export async function insertEnrolmentToken(tx: Tx, values: typeof enrolmentTokens.$inferInsert): Promise<void> {
  await tx.insert(enrolmentTokens).values(values);
}

/** The unused, unexpired link with this hash, locked for the rest of the transaction. */
export async function liveEnrolmentTokenForUpdate(tx: Tx, tokenHash: Buffer) {
  const [row] = await tx
    .select()
    .from(enrolmentTokens)
    .where(
      and(
        eq(enrolmentTokens.tokenHash, tokenHash),
        isNull(enrolmentTokens.usedAt),
        gt(enrolmentTokens.expiresAt, new Date()),
      ),
    )
    .for('update');
  return row;
}

export async function updateEnrolmentToken(
  tx: Tx,
  tokenId: string,
  values: Partial<typeof enrolmentTokens.$inferInsert>,
): Promise<void> {
  await tx.update(enrolmentTokens).set(values).where(eq(enrolmentTokens.id, tokenId));
}

/** Ends every unused first-run link (a fresh one replaces them). */
export async function useUpFirstRunLinks(tx: Tx): Promise<void> {
  await tx
    .update(enrolmentTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(enrolmentTokens.purpose, 'first_run'), isNull(enrolmentTokens.usedAt)));
}

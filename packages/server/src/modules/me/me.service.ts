import { AppError, showsAttentionFeed, staffAbilities, type Role, programmeOf } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { isMemberOf, membershipsWithProgrammes, setSessionProgramme, userWithOrganisation } from './me.repository.ts';
import type { ResolvedSession } from '../auth/sessions.service.ts';
import { IDLE_TIMEOUT_MS } from '../auth/sessions.service.ts';
import { FRESH_SECOND_FACTOR_MS } from '../auth/step-up.service.ts';
import { loadActor } from '../auth/actor.service.ts';

/** The signed-in user, their programmes and roles, and what they may do in the active one. */
export async function describeMe(tx: Tx, session: ResolvedSession) {
  const row = await userWithOrganisation(tx, session.userId);
  if (!row) throw new AppError('unauthenticated');
  const memberRows = await membershipsWithProgrammes(tx, session.userId);
  const byProgramme = new Map<string, { id: string; code: string; name: string; roles: Role[] }>();
  for (const m of memberRows) {
    const entry = byProgramme.get(m.id) ?? { id: m.id, code: m.code, name: m.name, roles: [] };
    entry.roles.push(m.role as Role);
    byProgramme.set(m.id, entry);
  }
  const active = session.programmeId ? (byProgramme.get(session.programmeId) ?? null) : null;
  const actor = await loadActor(tx, session);
  return {
    user: {
      id: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      organisation: { id: row.organisation.id, name: row.organisation.name, kind: row.organisation.kind },
    },
    programme: active ? { id: active.id, code: active.code, name: active.name } : null,
    programmes: [...byProgramme.values()],
    roles: active?.roles ?? [],
    abilities: active ? [...staffAbilities(actor, programmeOf({ programmeId: active.id }))] : [],
    attentionFeed: active !== null && showsAttentionFeed(actor),
    session: {
      idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      // Until when the most sensitive views open without a new second-factor check.
      freshSecondFactorUntil: session.secondFactorAt
        ? new Date(session.secondFactorAt.getTime() + FRESH_SECOND_FACTOR_MS).toISOString()
        : null,
    },
  };
}

/** Switches the session's programme to another the user is a member of. */
export async function switchProgramme(tx: Tx, session: ResolvedSession, programmeId: string): Promise<ResolvedSession> {
  if (!(await isMemberOf(tx, session.userId, programmeId))) throw new AppError('not_found');
  await setSessionProgramme(tx, session.id, programmeId);
  return { ...session, programmeId };
}

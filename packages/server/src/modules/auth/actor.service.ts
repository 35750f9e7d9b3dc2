import { AppError, type Actor, type Role } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { actorRow } from './actor.repository.ts';
import type { ResolvedSession } from './sessions.service.ts';
import { hasFreshSecondFactor } from './step-up.service.ts';

/** Loads the actor (user, organisation and roles in the active programme) for a session. */
export async function loadActor(tx: Tx, session: ResolvedSession): Promise<Actor> {
  const programmeId = session.programmeId;
  // Emergency access a coordinator stated a reason for lapses by itself (its expiry, read here).
  const row = await actorRow(tx, session.userId, programmeId, new Date());
  if (row === null) throw new AppError('unauthenticated');
  const { organisationId, roles, breakGlassCaseIds } = row;
  return {
    userId: session.userId,
    programmeId: programmeId ?? '',
    organisationId,
    // Unknown strings are dropped by the domain's knownRoles() before any matrix is read.
    roles: roles as Role[],
    breakGlassCaseIds,
    freshSecondFactor: hasFreshSecondFactor(session),
  };
}

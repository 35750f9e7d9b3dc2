import { AppError, type Actor, type Role } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { activeBreakGlassCaseIds, organisationOfUser, rolesInProgramme } from './actor.repository.ts';
import type { ResolvedSession } from './sessions.service.ts';
import { hasFreshSecondFactor } from './step-up.service.ts';

/** Loads the actor (user, organisation and roles in the active programme) for a session. */
export async function loadActor(tx: Tx, session: ResolvedSession): Promise<Actor> {
  const organisationId = await organisationOfUser(tx, session.userId);
  if (organisationId === null) throw new AppError('unauthenticated');
  const programmeId = session.programmeId;
  const roles = programmeId ? await rolesInProgramme(tx, session.userId, programmeId) : [];
  // Emergency access a coordinator stated a reason for; it lapses by itself.
  const breakGlassCaseIds = programmeId
    ? await activeBreakGlassCaseIds(tx, session.userId, programmeId, new Date())
    : [];
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

import type { ServiceContext } from '../../service-context.ts';
import { checklistsOf, insertCaseEvent, personOf, setFirstMeetingHeld, updateCaseState } from './cases.repository.ts';

// What other modules may read or change of a case, each in the caller's transaction (ctx.tx) and
// scoped to the acting programme. SECURITY: nothing here decides access; the caller has already
// passed requireCase for the action it performs, and it writes its own audit entries.

/** The case's person row (identity fields still encrypted), or null. */
export async function personOfCase(ctx: ServiceContext, caseId: string) {
  return personOf(ctx.tx, caseId);
}

/** The completed checklists of a case (answers encrypted) with the wrapped key of their call. */
export async function checklistsOfCase(ctx: ServiceContext, caseId: string) {
  return checklistsOf(ctx.tx, ctx.actor.programmeId, caseId);
}

/**
 * Moves a case from `fromState` to `toState` and records the event by the actor; false (and no
 * event) when its state changed meanwhile, so two transitions can never both apply.
 */
export async function moveCaseState(
  ctx: ServiceContext,
  input: { caseId: string; fromState: string; toState: string; event: string; assessmentDone: Date | null },
): Promise<boolean> {
  const programmeId = ctx.actor.programmeId;
  const moved = await updateCaseState(ctx.tx, {
    programmeId,
    caseId: input.caseId,
    fromState: input.fromState,
    toState: input.toState,
    assessmentDone: input.assessmentDone,
  });
  if (!moved) return false;
  await insertCaseEvent(ctx.tx, {
    caseId: input.caseId,
    programmeId,
    event: input.event,
    fromState: input.fromState,
    toState: input.toState,
    byUserId: ctx.actor.userId,
  });
  return true;
}

/** Records that the case's first meeting was held, unless an earlier one already was. */
export async function markFirstMeetingHeld(ctx: ServiceContext, caseId: string, at: Date): Promise<void> {
  await setFirstMeetingHeld(ctx.tx, ctx.actor.programmeId, caseId, at);
}

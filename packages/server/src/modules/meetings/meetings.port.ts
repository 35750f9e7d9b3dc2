import type { ServiceContext } from '../../service-context.ts';
import { firstMeetingsOfCases, programmeSettings } from './meetings.repository.ts';

// What other modules (cases) read of meetings and of the programme's clock settings, each in the
// caller's transaction (ctx.tx) and scoped to the acting programme. SECURITY: nothing here
// decides access; the caller has passed requireCase / readableCases for these cases.

/** The clock targets and time zone of the acting programme. */
export async function programmeClockSettings(ctx: ServiceContext) {
  return programmeSettings(ctx.tx, ctx.actor.programmeId);
}

/** First-meeting starts of these cases (not cancelled), for the clocks of many cases at once. */
export async function firstMeetingsOf(ctx: ServiceContext, caseIds: string[]) {
  return firstMeetingsOfCases(ctx.tx, ctx.actor.programmeId, caseIds);
}

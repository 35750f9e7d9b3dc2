import type { ServiceContext } from '../../service-context.ts';
import { activePlaces, availabilityBetween, rolesOf, shiftsBetween, staffOf } from './scheduling.repository.ts';

// What other modules (calls, meetings) read of the roster, the staff and the places, each in the
// caller's transaction (ctx.tx) and scoped to the acting programme. SECURITY: nothing here decides
// access; the caller has. A place's name and address stay encrypted (presentPlace decrypts).

/** Shifts overlapping [from, to), with the staff member's display name. */
export async function dutyShiftsBetween(ctx: ServiceContext, from: Date, to: Date) {
  return shiftsBetween(ctx.tx, ctx.actor.programmeId, from, to);
}

/** Availability windows overlapping [from, to). */
export async function staffAvailabilityBetween(ctx: ServiceContext, from: Date, to: Date) {
  return availabilityBetween(ctx.tx, ctx.actor.programmeId, from, to);
}

/** The roles each of these users holds in the programme. */
export async function programmeRolesOf(ctx: ServiceContext, userIds: string[]): Promise<Map<string, string[]>> {
  return rolesOf(ctx.tx, ctx.actor.programmeId, userIds);
}

/** Active members who work calls (coordinators and hotline officers), by display name. */
export async function dutyStaff(ctx: ServiceContext) {
  return staffOf(ctx.tx, ctx.actor.programmeId);
}

/** The programme's active meeting places (encrypted). */
export async function activeMeetingPlaces(ctx: ServiceContext) {
  return activePlaces(ctx.tx, ctx.actor.programmeId);
}

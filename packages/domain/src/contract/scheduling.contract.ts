import { z } from 'zod';
import { apiDateTime, idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// Scheduling: the duty roster, meeting places and staff availability.
// SECURITY: places are visible only to programme staff (the server decides who reads them).

/** A duty shift. */
export const shiftView = z.object({
  id: idSchema,
  userId: idSchema,
  displayName: z.string(),
  roles: z.array(z.string()),
  startsAt: isoInstant,
  endsAt: isoInstant,
});
/** A duty shift. */
export type Shift = z.infer<typeof shiftView>;

/** A window when a member of staff can meet. */
export const availabilityWindowView = z.object({
  id: idSchema,
  userId: idSchema,
  displayName: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
});
/** A window when a member of staff can meet. */
export type AvailabilityWindow = z.infer<typeof availabilityWindowView>;

/** A meeting place. */
export const placeView = z.object({ id: idSchema, name: z.string(), address: z.string().nullable() });
/** A meeting place. */
export type Place = z.infer<typeof placeView>;

/** A member of staff who can be rostered or booked. */
export const staffMemberView = z.object({
  userId: idSchema,
  displayName: z.string(),
  roles: z.array(z.string()),
  /** May be named to read a sealed identity link (the server decides from the domain's role groups). */
  sealedReader: z.boolean(),
});
/** A member of staff who can be rostered or booked. */
export type StaffMember = z.infer<typeof staffMemberView>;

/** Query of a period (GET /duty, /availability); today ± a week when left out. */
export const periodQuery = z.object({ from: apiDateTime.optional(), to: apiDateTime.optional() });

/** GET /duty */
export const shiftsResponse = z.object({ shifts: z.array(shiftView) });
/** GET /duty/now */
export const onDutyNowResponse = z.object({ onDuty: z.array(shiftView) });
/** Body of POST /duty. */
export const addShiftBody = z.object({ userId: idSchema, startsAt: apiDateTime, endsAt: apiDateTime });
/** GET /staff */
export const staffResponse = z.object({ staff: z.array(staffMemberView) });
/** GET /places */
export const placesResponse = z.object({ places: z.array(placeView) });
/** Body of POST /places. */
export const addPlaceBody = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).optional(),
});
/** GET /availability */
export const availabilityResponse = z.object({ windows: z.array(availabilityWindowView) });
/** Body of POST /availability; without `userId`, the user's own. */
export const addAvailabilityBody = z.object({
  userId: idSchema.optional(),
  startsAt: apiDateTime,
  endsAt: apiDateTime,
});

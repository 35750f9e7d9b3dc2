import { z } from 'zod';
import {
  createPlacementBody,
  PLACEMENT_STATUSES,
  protectedDataApplicationBody,
  protectiveMeasureBody,
} from '../protection.ts';
import { apiDate, idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// Protection (skydd): placements and their one address view, protected personal data, the sealed
// identity link, other protective measures. SECURITY: the server checks these bodies only after
// its access check (someone without the protection section learns nothing, not even which field
// is wrong), so the routes hand them to the services unopened (http/deferred-body.ts).

/** Why the most sensitive data is needed now: logged with the view, read by the auditors. */
export const statedReason = z.string().trim().min(10).max(500);

const date = z.string().describe('YYYY-MM-DD');

// Kinds, statuses and authorities are the domain's values (PROVIDER_KINDS, PLACEMENT_STATUSES,
// DECIDING_AUTHORITIES, ...); typed as strings so an older row still lists.

/** A placement. SECURITY: no address field. The address has its own route, behind a fresh second factor. */
export const placementView = z.object({
  id: idSchema,
  caseId: idSchema,
  providerKind: z.string(),
  providerName: z.string(),
  ivoPermitNumber: z.string().nullable(),
  municipality: z.string(),
  startsOn: date,
  endsOn: date.nullable(),
  /** Whole öre per day. */
  costPerDayOre: z.number().int(),
  status: z.string(),
  createdAt: isoInstant,
});
/** A placement, without its address. */
export type PlacementView = z.infer<typeof placementView>;

/** Whether the reader may open an address now, after a fresh second factor, or not at all (display only). */
export const sensitiveViewState = z.enum(['allowed', 'step_up_required', 'forbidden']);
/** Whether the reader may open a most-sensitive view. */
export type SensitiveViewState = z.infer<typeof sensitiveViewState>;

/** Body of recording a placement (the address only ever as ciphertext). */
export { createPlacementBody };
/** Body of recording a placement, as sent. */
export type CreatePlacementInput = z.input<typeof createPlacementBody>;

/** POST /cases/:id/placements, PATCH /placements/:id */
export const placementResponse = z.object({ placement: placementView });

/** GET /cases/:id/placements */
export const placementsResponse = z.object({ placements: z.array(placementView), addressView: sensitiveViewState });

/** Body of a relocation step: a placement's status and end date (null reopens it). */
export const placementUpdateBody = z
  .object({ status: z.enum(PLACEMENT_STATUSES).optional(), endsOn: apiDate.nullable().optional() })
  .refine((b) => b.status !== undefined || b.endsOn !== undefined, { message: 'nothing_to_change' });
/** Body of a relocation step, as sent. */
export type PlacementUpdateInput = z.input<typeof placementUpdateBody>;
/** Body of a relocation step, as validated. */
export type PlacementUpdateBody = z.output<typeof placementUpdateBody>;

/**
 * Body of viewing a placement's address. SECURITY: the purpose travels in the body, never the
 * query string, so no proxy or access log records it.
 */
export const addressViewBody = z.object({ purpose: statedReason });

/** POST /placements/:id/address: the one view of a protected address. */
export const placementAddressResponse = z.object({ placementId: idSchema, address: z.string() });

/** An application for protected personal data. */
export const protectedDataView = z.object({
  id: idSchema,
  kind: z.string(),
  authority: z.string(),
  status: z.string(),
  appliedOn: date,
  decidedOn: date.nullable(),
  createdAt: isoInstant,
});
/** An application for protected personal data. */
export type ProtectedDataView = z.infer<typeof protectedDataView>;

/** Body of recording an application for protected personal data. */
export { protectedDataApplicationBody };
/** Body of recording an application, as sent. */
export type ProtectedDataApplicationInput = z.input<typeof protectedDataApplicationBody>;

/** POST /cases/:id/protected-data */
export const protectedDataResponse = z.object({ application: protectedDataView });
/** GET /cases/:id/protected-data */
export const protectedDataListResponse = z.object({ applications: z.array(protectedDataView) });

/** Body of recording the sealed link between an old and a fictitious identity, and who may see it. */
export const identityLinkBody = z.strictObject({
  link: z.string().trim().min(1).max(2000),
  sealedReaderIds: z.array(idSchema).min(1).max(10),
});
/** Body of recording the sealed link, as sent. */
export type IdentityLinkInput = z.input<typeof identityLinkBody>;
/** Body of recording the sealed link, as validated. */
export type IdentityLinkBody = z.output<typeof identityLinkBody>;

/** POST /cases/:id/identity-link: recorded; the link itself is never echoed. */
export const identityLinkRecorded = z.object({ id: idSchema, sealedReaderIds: z.array(idSchema) });

/** Body of viewing the sealed link: the reason, in the body like the address view's purpose. */
export const identityLinkViewBody = z.object({ reason: statedReason });

/** POST /cases/:id/identity-link/view */
export const identityLinkView = z.object({
  id: idSchema,
  link: z.string(),
  sealedReaderIds: z.array(idSchema),
  createdAt: isoInstant,
});
/** The sealed link as its named reader sees it. */
export type IdentityLinkView = z.infer<typeof identityLinkView>;

/** A protective measure. */
export const measureView = z.object({
  id: idSchema,
  kind: z.string(),
  status: z.string(),
  startsOn: date.nullable(),
  endsOn: date.nullable(),
  note: z.string().nullable(),
  createdAt: isoInstant,
});
/** A protective measure. */
export type MeasureView = z.infer<typeof measureView>;

/** Body of recording a protective measure. */
export { protectiveMeasureBody };
/** Body of recording a protective measure, as sent. */
export type ProtectiveMeasureInput = z.input<typeof protectiveMeasureBody>;

/** POST /cases/:id/measures */
export const measureResponse = z.object({ measure: measureView });
/** GET /cases/:id/measures */
export const measuresResponse = z.object({ measures: z.array(measureView) });

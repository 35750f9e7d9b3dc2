import { z } from 'zod';

// STOPGAP: the protection schemas belong in packages/domain (protection.ts), which is being
// written alongside; until it lands these follow the domain's validation codes (see
// assessment-validation.ts) so the web app gets the same message keys either way.

/** Who runs a protected home. SECURITY-relevant rule: a private provider needs an IVO permit. */
export const PROVIDER_KINDS = ['municipal', 'private'] as const;
export const PLACEMENT_STATUSES = ['planned', 'active', 'ended', 'cancelled'] as const;
export const PROTECTED_DATA_KINDS = [
  'confidentiality_marking',
  'protected_registration',
  'fictitious_identity',
] as const;
export const DECIDING_AUTHORITIES = ['tax_agency', 'police'] as const;
export const APPLICATION_STATUSES = ['applied', 'granted', 'refused'] as const;
export const MEASURE_KINDS = ['contact_ban', 'safety_alarm', 'police_measure', 'other'] as const;
export const MEASURE_STATUSES = ['planned', 'active', 'ended'] as const;

/** Which authority decides each kind of protected personal data. */
export const DECIDING_AUTHORITY: Readonly<
  Record<(typeof PROTECTED_DATA_KINDS)[number], (typeof DECIDING_AUTHORITIES)[number]>
> = {
  confidentiality_marking: 'tax_agency',
  protected_registration: 'tax_agency',
  fictitious_identity: 'police',
};

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const custom = (ctx: z.RefinementCtx, code: string, path: string) =>
  ctx.addIssue({ code: 'custom', message: code, path: [path] });

/** A new protected-housing placement. The address is encrypted on arrival and never listed. */
export const placementBody = z
  .strictObject({
    providerKind: z.enum(PROVIDER_KINDS),
    providerName: text(200),
    ivoPermit: text(100).optional(),
    municipality: text(100),
    address: text(500),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    /** Kronor per day, at most two decimals. */
    costPerDay: z.number().max(1_000_000).multipleOf(0.01),
    status: z.enum(PLACEMENT_STATUSES),
  })
  .superRefine((b, ctx) => {
    if (b.providerKind === 'private' && !b.ivoPermit) custom(ctx, 'ivo_permit_required', 'ivoPermit');
    if (b.providerKind !== 'private' && b.ivoPermit) custom(ctx, 'ivo_permit_not_allowed', 'ivoPermit');
    if (b.endsOn && b.endsOn < b.startsOn) custom(ctx, 'placement_ends_before_start', 'endsOn');
    if (b.costPerDay < 0) custom(ctx, 'cost_negative', 'costPerDay');
  });
export type PlacementBody = z.infer<typeof placementBody>;

/** A relocation step: a placement's status and end date. */
export const placementUpdateBody = z
  .strictObject({ status: z.enum(PLACEMENT_STATUSES).optional(), endsOn: isoDate.nullable().optional() })
  .refine((b) => b.status !== undefined || b.endsOn !== undefined, { message: 'nothing_to_change' });
export type PlacementUpdateBody = z.infer<typeof placementUpdateBody>;

/** An application for protected personal data; the authority is derived from the kind when left out. */
export const protectedDataBody = z
  .strictObject({
    kind: z.enum(PROTECTED_DATA_KINDS),
    authority: z.enum(DECIDING_AUTHORITIES).optional(),
    status: z.enum(APPLICATION_STATUSES),
    appliedOn: isoDate,
    decidedOn: isoDate.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.authority && b.authority !== DECIDING_AUTHORITY[b.kind]) custom(ctx, 'wrong_deciding_authority', 'authority');
    if (b.status !== 'applied' && !b.decidedOn) custom(ctx, 'decided_on_required', 'decidedOn');
    if (b.status === 'applied' && b.decidedOn) custom(ctx, 'decided_on_not_allowed', 'decidedOn');
    if (b.decidedOn && b.decidedOn < b.appliedOn) custom(ctx, 'decided_before_applied', 'decidedOn');
  })
  .transform((b) => ({ ...b, authority: DECIDING_AUTHORITY[b.kind] }));
export type ProtectedDataBody = z.infer<typeof protectedDataBody>;

/** Another protective measure; "other" must say what it is. */
export const measureBody = z
  .strictObject({
    kind: z.enum(MEASURE_KINDS),
    status: z.enum(MEASURE_STATUSES),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    note: text(2000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.startsOn && b.endsOn && b.endsOn < b.startsOn) custom(ctx, 'measure_ends_before_start', 'endsOn');
    if (b.kind === 'other' && !b.note) custom(ctx, 'measure_description_required', 'note');
  });
export type MeasureBody = z.infer<typeof measureBody>;

/** The sealed link between an old and a fictitious identity, and who may see it. */
export const identityLinkBody = z.strictObject({
  link: text(2000),
  sealedReaderIds: z.array(z.uuid()).min(1).max(10),
});
export type IdentityLinkBody = z.infer<typeof identityLinkBody>;

/** Why the most sensitive data is needed now: logged with the view, read by the auditors. */
export const statedReason = z.string().trim().min(10).max(500);

/** The purpose stated for viewing a protected address. */
export const purposeStatement = z.object({ purpose: statedReason });

/** The reason stated for viewing the sealed identity link. */
export const reasonStatement = z.object({ reason: statedReason });

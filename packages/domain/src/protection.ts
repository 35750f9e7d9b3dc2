import { z } from 'zod';
import { addIssue, isoDate, optionalText, requiredText } from './assessment-schema-parts.ts';

/** Who runs a protected housing placement. */
export const PROVIDER_KINDS = ['municipal', 'private'] as const;

/** Who runs a protected housing placement. */
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Where a placement stands. */
export const PLACEMENT_STATUSES = ['planned', 'active', 'ended', 'cancelled'] as const;

/** Where a placement stands. */
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** The most a day may cost, in öre (100 000 kronor): a guard against a mistyped amount. */
export const MAX_COST_PER_DAY_ORE = 10_000_000;

/**
 * The body of recording a protected housing placement. Cost is whole öre per day (no rounding of
 * fractions of a krona, and the same unit the database stores); 0 is allowed (free or paid
 * elsewhere). A private provider needs its IVO permit number. Dates are local calendar dates.
 * SECURITY: `address` is the most sensitive datum in the system. The server encrypts it, shows it
 * only behind `protection:read_address`, and never puts it in a list, e-mail, calendar file,
 * export or log. Nothing in this schema's error messages echoes it.
 */
export const createPlacementBody = z
  .object({
    providerKind: z.enum(PROVIDER_KINDS),
    providerName: requiredText(200),
    ivoPermitNumber: optionalText(100),
    municipality: requiredText(100),
    address: requiredText(500),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    costPerDayOre: z.number().int().min(0, { error: 'cost_negative' }).max(MAX_COST_PER_DAY_ORE),
    status: z.enum(PLACEMENT_STATUSES).default('planned'),
  })
  .superRefine((body, ctx) => {
    if (body.providerKind === 'private' && body.ivoPermitNumber === undefined) {
      addIssue(ctx, 'ivo_permit_required', ['ivoPermitNumber']);
    }
    if (body.providerKind === 'municipal' && body.ivoPermitNumber !== undefined) {
      addIssue(ctx, 'ivo_permit_not_allowed', ['ivoPermitNumber']);
    }
    if (body.endsOn !== undefined && body.endsOn < body.startsOn) {
      addIssue(ctx, 'placement_ends_before_start', ['endsOn']);
    }
  });

/** The body of recording a placement, as validated. */
export type CreatePlacementBody = z.output<typeof createPlacementBody>;

/** A placement's cost over its whole length in öre, both days counted; null while open-ended. */
export function placementCostOre(
  placement: Pick<CreatePlacementBody, 'startsOn' | 'endsOn' | 'costPerDayOre'>,
): number | null {
  if (placement.endsOn === undefined) return null;
  const days = (Date.parse(placement.endsOn) - Date.parse(placement.startsOn)) / 86_400_000 + 1;
  return Math.max(0, days) * placement.costPerDayOre;
}

/** The levels of protected personal data. */
export const PROTECTED_DATA_KINDS = [
  'confidentiality_marking',
  'protected_registration',
  'fictitious_identity',
] as const;

/** A level of protected personal data. */
export type ProtectedDataKind = (typeof PROTECTED_DATA_KINDS)[number];

/** The authorities that decide on protected personal data. */
export const DECIDING_AUTHORITIES = ['skatteverket', 'polismyndigheten'] as const;

/** An authority that decides on protected personal data. */
export type DecidingAuthority = (typeof DECIDING_AUTHORITIES)[number];

/**
 * Who decides each level: the Tax Agency marks confidentiality (*sekretessmarkering*) and grants
 * protected registration (*skyddad folkbokföring*); the Police grant a fictitious identity
 * (*fingerade personuppgifter*).
 */
export const DECIDING_AUTHORITY: Readonly<Record<ProtectedDataKind, DecidingAuthority>> = {
  confidentiality_marking: 'skatteverket',
  protected_registration: 'skatteverket',
  fictitious_identity: 'polismyndigheten',
};

/** Where an application stands. */
export const APPLICATION_STATUSES = ['applied', 'granted', 'refused'] as const;

/** Where an application stands. */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The body of recording an application for protected personal data and its decision. The
 * authority defaults to the one that decides the kind, and any other is rejected; a decision
 * date belongs to, and only to, a granted or refused application, and not before it was applied.
 */
export const protectedDataApplicationBody = z
  .object({
    kind: z.enum(PROTECTED_DATA_KINDS),
    authority: z.enum(DECIDING_AUTHORITIES).optional(),
    status: z.enum(APPLICATION_STATUSES),
    appliedOn: isoDate,
    decidedOn: isoDate.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.authority !== undefined && body.authority !== DECIDING_AUTHORITY[body.kind]) {
      addIssue(ctx, 'wrong_deciding_authority', ['authority']);
    }
    if (body.status === 'applied' && body.decidedOn !== undefined)
      addIssue(ctx, 'decided_on_not_allowed', ['decidedOn']);
    if (body.status !== 'applied' && body.decidedOn === undefined) addIssue(ctx, 'decided_on_required', ['decidedOn']);
    if (body.decidedOn !== undefined && body.decidedOn < body.appliedOn) {
      addIssue(ctx, 'decided_before_applied', ['decidedOn']);
    }
  })
  .transform((body) => ({ ...body, authority: DECIDING_AUTHORITY[body.kind] }));

/** The body of an application for protected personal data, as validated (the authority always set). */
export type ProtectedDataApplicationBody = z.output<typeof protectedDataApplicationBody>;

/** Other protective measures. */
export const PROTECTIVE_MEASURE_KINDS = ['contact_ban', 'safety_alarm', 'police_measure', 'other'] as const;

/** Another protective measure. */
export type ProtectiveMeasureKind = (typeof PROTECTIVE_MEASURE_KINDS)[number];

/** Where a protective measure stands. */
export const MEASURE_STATUSES = ['requested', 'active', 'ended', 'refused'] as const;

/** Where a protective measure stands. */
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The body of recording another protective measure: 'other' needs a description; no end before the start. */
export const protectiveMeasureBody = z
  .object({
    kind: z.enum(PROTECTIVE_MEASURE_KINDS),
    status: z.enum(MEASURE_STATUSES),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    note: optionalText(2000),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'other' && body.note === undefined) addIssue(ctx, 'measure_description_required', ['note']);
    if (body.startsOn !== undefined && body.endsOn !== undefined && body.endsOn < body.startsOn) {
      addIssue(ctx, 'measure_ends_before_start', ['endsOn']);
    }
  });

/** The body of recording another protective measure, as validated. */
export type ProtectiveMeasureBody = z.output<typeof protectiveMeasureBody>;

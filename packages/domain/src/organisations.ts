/** Kinds of organisation that take part in a programme. */
export const ORGANISATION_KINDS = [
  'police',
  'municipality',
  'prison_probation',
  'employment_service',
  'enforcement_authority',
  'region',
  'tax_agency',
  'voluntary',
] as const;

/** A kind of organisation. */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

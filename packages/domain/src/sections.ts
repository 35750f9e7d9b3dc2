/** The sections a case is split into; each is read and written separately. */
export const SECTIONS = ['identity', 'protection', 'threat', 'plan', 'support', 'economy', 'followup'] as const;

/** A section of a case. */
export type Section = (typeof SECTIONS)[number];

/** What can be done to a section. */
export const SECTION_VERBS = ['read', 'write'] as const;

/** A verb on a section. */
export type SectionVerb = (typeof SECTION_VERBS)[number];

/** Sensitivity class of a section: 1 is the least sensitive, 4 the most. */
export type SensitivityLevel = 1 | 2 | 3 | 4;

/**
 * Sensitivity class of every section. This does NOT grant or deny anything (the policy matrix
 * does); the server uses it for stricter handling of the higher classes (fresh re-authentication,
 * a stated purpose in the audit log, shorter display).
 * 4: protected housing and addresses: a leak can get someone killed.
 * 3: who the person is, and who threatens them.
 * 2: plan and money: reveals which agencies are involved.
 * 1: coaching contacts and follow-up.
 */
export const SECTION_SENSITIVITY: Readonly<Record<Section, SensitivityLevel>> = {
  protection: 4,
  identity: 3,
  threat: 3,
  plan: 2,
  economy: 2,
  support: 1,
  followup: 1,
};

const SECTION_SET: ReadonlySet<string> = new Set(SECTIONS);

/** True when `x` is one of the known sections. */
export function isSection(x: unknown): x is Section {
  return typeof x === 'string' && SECTION_SET.has(x);
}

import type { Role } from './roles.ts';

// The groups of roles the server and the web act on (whom to tell, whom to list first, who may be
// chosen). Named here, in the domain, so no service and no screen tests for a role by its name:
// `roles.includes('coordinator')` anywhere else is a rule written twice (the lint forbids it).

/** Roles that stand on the duty roster and take the hotline's calls. */
export const DUTY_ROLES = ['coordinator', 'hotline_officer'] as const satisfies readonly Role[];

/**
 * Roles that lead case work: told at once of an acute call, listed first on duty, the ones who own
 * a case, and the only ones who may be named to read a sealed identity link.
 */
export const CASE_LEAD_ROLES = ['coordinator'] as const satisfies readonly Role[];

/** Roles that work cases and may be put on a case team; administration, audit and management never are. */
export const CASE_WORKING_ROLES = [
  'coordinator',
  'hotline_officer',
  'partner_caseworker',
  'coach',
] as const satisfies readonly Role[];

/**
 * Roles that may break the glass (`ROLE_ACTIONS` lists `case:break_glass` for them); their age in
 * the programme decides whether they may yet (decision 010).
 */
export const BREAK_GLASS_ROLES = ['coordinator'] as const satisfies readonly Role[];

/** Roles told when someone breaks the glass on a case (besides the case's owner). */
export const BREAK_GLASS_WATCH_ROLES = ['auditor'] as const satisfies readonly Role[];

/** Roles that read the case-attention feed (break-the-glass and acute notices) on their home screen. */
export const ATTENTION_FEED_ROLES = ['coordinator', 'auditor'] as const satisfies readonly Role[];

/**
 * The role that administers a programme: the first user gets it, whoever creates a programme gets
 * it there, and an administrator may not take it from themselves.
 */
export const ADMINISTRATION_ROLE = 'administrator' as const satisfies Role;

const holds = (group: readonly Role[]) => (roles: readonly string[]) =>
  roles.some((role) => (group as readonly string[]).includes(role));

/** True when one of `roles` stands on the duty roster. */
export const isOnDutyRoster = holds(DUTY_ROLES);
/** True when one of `roles` leads case work. */
export const leadsCases = holds(CASE_LEAD_ROLES);
/** True when one of `roles` administers the programme. */
export const administers = holds([ADMINISTRATION_ROLE]);
/** True when one of `roles` reads the case-attention feed. */
export const readsAttentionFeed = holds(ATTENTION_FEED_ROLES);

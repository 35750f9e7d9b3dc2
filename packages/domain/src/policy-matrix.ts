import type { Action, NonSectionAction } from './actions.ts';
import type { Role } from './roles.ts';
import type { Section, SectionVerb } from './sections.ts';

/**
 * How a role reaches a case at all, before the section matrix is consulted.
 * - `team`: the user is on the case team.
 * - `team_and_consent`: the user is on the case team AND a recorded consent covers the user's
 *   organisation. Withdrawing consent removes access at once, even for team members.
 * - `none`: never, whatever else is true.
 */
export type CaseAccessPath = 'team' | 'team_and_consent' | 'none';

/**
 * How each role reaches a case.
 * SECURITY: partner organisations see a case only while consent covers their organisation;
 * management, auditors and administrators never reach case contents (separation of duties).
 */
export const CASE_ACCESS_PATH: Readonly<Record<Role, CaseAccessPath>> = {
  coordinator: 'team',
  hotline_officer: 'team',
  partner_caseworker: 'team_and_consent',
  coach: 'team_and_consent',
  management: 'none',
  auditor: 'none',
  administrator: 'none',
};

/** Verbs a role may use on each section of a case it reaches. */
export type SectionMatrix = Readonly<Record<Role, Readonly<Record<Section, readonly SectionVerb[]>>>>;

const NONE: readonly SectionVerb[] = [];
const READ: readonly SectionVerb[] = ['read'];
const READ_WRITE: readonly SectionVerb[] = ['read', 'write'];

/**
 * The role × section × verb matrix, as data.
 * SECURITY: `protection` (protected housing, addresses) is open to coordinators only; `threat`
 * to coordinators and hotline officers only. Management, auditor and administrator have no
 * section access at all. Changing this table changes who can get someone killed: the table test
 * in `case.policy.test.ts` must be changed with it, independently.
 */
export const SECTION_MATRIX: SectionMatrix = {
  coordinator: {
    identity: READ_WRITE,
    protection: READ_WRITE,
    threat: READ_WRITE,
    plan: READ_WRITE,
    support: READ_WRITE,
    economy: READ_WRITE,
    followup: READ_WRITE,
  },
  // The hotline runs the first threat checklist: who is calling, and the first threat picture.
  hotline_officer: {
    identity: READ_WRITE,
    protection: NONE,
    threat: READ_WRITE,
    plan: NONE,
    support: NONE,
    economy: NONE,
    followup: NONE,
  },
  // Partners work their part of the plan; they never see the threat picture or the address.
  partner_caseworker: {
    identity: READ,
    protection: NONE,
    threat: NONE,
    plan: READ,
    support: READ,
    economy: READ,
    followup: READ,
  },
  // Coaches log coaching contacts and see the plan they work on.
  coach: {
    identity: NONE,
    protection: NONE,
    threat: NONE,
    plan: READ,
    support: READ_WRITE,
    economy: NONE,
    followup: NONE,
  },
  management: {
    identity: NONE,
    protection: NONE,
    threat: NONE,
    plan: NONE,
    support: NONE,
    economy: NONE,
    followup: NONE,
  },
  auditor: {
    identity: NONE,
    protection: NONE,
    threat: NONE,
    plan: NONE,
    support: NONE,
    economy: NONE,
    followup: NONE,
  },
  administrator: {
    identity: NONE,
    protection: NONE,
    threat: NONE,
    plan: NONE,
    support: NONE,
    economy: NONE,
    followup: NONE,
  },
};

/**
 * How a role reaches one staff member's availability.
 * - `any`: any staff member of the programme (a coordinator plans the team's time).
 * - `self`: only their own.
 * - `none`: never.
 */
export type StaffAccessPath = 'any' | 'self' | 'none';

/** How each role reaches a staff member's availability (with `availability:manage` in `ROLE_ACTIONS`). */
export const STAFF_ACCESS_PATH: Readonly<Record<Role, StaffAccessPath>> = {
  coordinator: 'any',
  hotline_officer: 'self',
  partner_caseworker: 'none',
  coach: 'none',
  management: 'none',
  auditor: 'none',
  administrator: 'none',
};

/**
 * Non-section actions each role may perform. Case-level actions (`case:read`, `case:update`,
 * `case:break_glass`, `case:transition`) additionally need the role's case access path (see
 * `case.policy.ts`); `availability:manage` needs the role's staff access path.
 * SECURITY: administration, audit and reporting are disjoint from case work (separation of duties).
 * Calls are case work: only the hotline and coordinators reach them, never partners, coaches,
 * management, auditors or administrators. Meeting places are sensitive (where a person under
 * threat will be): programme staff only. Importing an instrument is configuration, not case
 * data, so it is the administrator's, and reading definitions reveals no one.
 * `case:lookup_personnummer` tells only that a case exists and whom to contact, never its contents.
 * The threat-actor registry names people who threaten and their groups: coordinators only.
 * `protection:read_address` and `identity_link:read` have further conditions in `case.policy.ts`.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly NonSectionAction[]>> = {
  coordinator: [
    'case:list',
    'case:create',
    'case:read',
    'case:update',
    'case:break_glass',
    'case:transition',
    'case:manage_team',
    'case:lookup_personnummer',
    'call:create',
    'call:list',
    'call:read',
    'roster:read',
    'roster:manage',
    'place:read',
    'place:manage',
    'availability:manage',
    'meeting:book',
    'instrument:read',
    // Which organisations exist, to name the recipients of a consent or a legal basis.
    'organisation:read',
    'consent:read',
    'consent:write',
    'conditions:read',
    'conditions:write',
    'eligibility:decide',
    'risk:read',
    'risk:write',
    'mapping:read',
    'mapping:write',
    'protection:read_address',
    'identity_link:read',
    'threat_actor:read',
    'threat_actor:write',
    // SECURITY: separation of duties. A case-reading role an administrator grants takes effect
    // only when a coordinator of the programme confirms it (decision 010).
    'member:confirm',
  ],
  hotline_officer: [
    'case:list',
    'case:create',
    'case:read',
    'case:update',
    'case:lookup_personnummer',
    'call:create',
    'call:list',
    'call:read',
    'roster:read',
    'place:read',
    'availability:manage',
    'meeting:book',
    'instrument:read',
    // The hotline's own checklist appears beside the analysis; writing it is the coordinator's.
    'risk:read',
  ],
  // Partners and coaches see the conditions the person signed: they follow up on them.
  // They read the mapping's areas that their section rights and consent cover (never economy
  // for a coach); drawing it up is the coordinator's.
  partner_caseworker: ['case:list', 'case:read', 'conditions:read', 'mapping:read'],
  coach: ['case:list', 'case:read', 'conditions:read', 'mapping:read'],
  management: ['report:read'],
  auditor: ['audit:search', 'audit:verify'],
  administrator: [
    'user:list',
    'user:invite',
    'user:update_roles',
    'user:deactivate',
    'user:reset_mfa',
    'organisation:list',
    'organisation:read',
    'organisation:manage',
    'programme:list',
    'programme:manage',
    'instrument:read',
    'instrument:import',
  ],
};

/** Case-level assessment actions whose content belongs to a section (see `CASE_ACTION_SCOPE`). */
export type ScopedCaseAction = Extract<
  Action,
  | 'consent:read'
  | 'consent:write'
  | 'conditions:read'
  | 'conditions:write'
  | 'eligibility:decide'
  | 'risk:read'
  | 'risk:write'
  | 'mapping:read'
  | 'mapping:write'
>;

/**
 * The section each assessment action's content belongs to, and whether it reads or writes.
 * A role needs the action in `ROLE_ACTIONS` AND the verb on that section in `SECTION_MATRIX`;
 * a partner or coach also needs the section in their organisation's coverage; break-the-glass
 * reads it only when the section's sensitivity allows.
 */
export const CASE_ACTION_SCOPE: Readonly<Record<ScopedCaseAction, { section: Section; verb: SectionVerb }>> = {
  // A consent lists the organisations the person deals with: as sensitive as who they are.
  'consent:read': { section: 'identity', verb: 'read' },
  'consent:write': { section: 'identity', verb: 'write' },
  'conditions:read': { section: 'plan', verb: 'read' },
  'conditions:write': { section: 'plan', verb: 'write' },
  'eligibility:decide': { section: 'plan', verb: 'write' },
  'risk:read': { section: 'threat', verb: 'read' },
  'risk:write': { section: 'threat', verb: 'write' },
  // The mapping as a whole is plan work; each area also needs its own section (economy for debts
  // and income), judged per area by the server.
  'mapping:read': { section: 'plan', verb: 'read' },
  'mapping:write': { section: 'plan', verb: 'write' },
};

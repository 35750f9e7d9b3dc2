import type { Section, SectionVerb } from './sections.ts';

/**
 * The one closed list of actions, `'<resource>:<verb>'`. Anything not listed here is denied.
 */
export const ACTIONS = [
  // Case level (a case resource, except list/create which act on the programme).
  'case:list',
  'case:create',
  'case:read',
  'case:update',
  'case:break_glass',
  'case:transition',
  'case:manage_team',
  // Sections of a case (a case resource).
  'identity:read',
  'identity:write',
  'protection:read',
  'protection:write',
  'threat:read',
  'threat:write',
  'plan:read',
  'plan:write',
  'support:read',
  'support:write',
  'economy:read',
  'economy:write',
  'followup:read',
  'followup:write',
  // Administration (a programme resource).
  'user:list',
  'user:invite',
  'user:update_roles',
  'user:deactivate',
  'user:reset_mfa',
  // A second person's confirmation of a case-reading role an administrator granted.
  'member:confirm',
  'organisation:list',
  'organisation:read',
  'organisation:manage',
  'programme:list',
  'programme:manage',
  // Audit and reporting (a programme resource).
  'audit:search',
  'audit:verify',
  'report:read',
  // Hotline intake (a programme resource, except availability which acts on one staff member).
  'call:create',
  'call:list',
  'call:read',
  'case:lookup_personnummer',
  'roster:read',
  'roster:manage',
  'place:read',
  'place:manage',
  'availability:manage',
  'meeting:book',
  // Instruments: configuration, not case data (a programme resource).
  'instrument:read',
  'instrument:import',
  // Assessment of a case (a case resource): consent, conditions, eligibility, risk analysis.
  'consent:read',
  'consent:write',
  'conditions:read',
  'conditions:write',
  'eligibility:decide',
  'risk:read',
  'risk:write',
  // The mapping of life areas (a case resource); each area is also guarded by its own section.
  'mapping:read',
  'mapping:write',
  // The most sensitive data of a case (a case resource), each behind its own check.
  'protection:read_address',
  'identity_link:read',
  // The threat-actor registry: groups, persons, rivalries (a programme resource).
  'threat_actor:read',
  'threat_actor:write',
] as const;

/** An action that can be authorized. */
export type Action = (typeof ACTIONS)[number];

/** An action on one section of a case, e.g. `'protection:read'`. */
export type SectionAction = Extract<Action, `${Section}:${SectionVerb}`>;

/** Actions that are not about a section. */
export type NonSectionAction = Exclude<Action, SectionAction>;

/** The kinds of resource an action can apply to. */
export type ResourceKind = 'programme' | 'case' | 'staff';

/**
 * The resource kind each action applies to. An action presented with another kind is denied.
 * Being a full `Record<Action, …>`, this fails to compile when an action is added without a kind.
 */
export const ACTION_RESOURCE_KIND: Readonly<Record<Action, ResourceKind>> = {
  'case:list': 'programme',
  'case:create': 'programme',
  'case:read': 'case',
  'case:update': 'case',
  'case:break_glass': 'case',
  'case:transition': 'case',
  'case:manage_team': 'case',
  'identity:read': 'case',
  'identity:write': 'case',
  'protection:read': 'case',
  'protection:write': 'case',
  'threat:read': 'case',
  'threat:write': 'case',
  'plan:read': 'case',
  'plan:write': 'case',
  'support:read': 'case',
  'support:write': 'case',
  'economy:read': 'case',
  'economy:write': 'case',
  'followup:read': 'case',
  'followup:write': 'case',
  'user:list': 'programme',
  'user:invite': 'programme',
  'user:update_roles': 'programme',
  'user:deactivate': 'programme',
  'user:reset_mfa': 'programme',
  'member:confirm': 'programme',
  'organisation:list': 'programme',
  'organisation:read': 'programme',
  'organisation:manage': 'programme',
  'programme:list': 'programme',
  'programme:manage': 'programme',
  'audit:search': 'programme',
  'audit:verify': 'programme',
  'report:read': 'programme',
  'call:create': 'programme',
  'call:list': 'programme',
  'call:read': 'programme',
  'case:lookup_personnummer': 'programme',
  'roster:read': 'programme',
  'roster:manage': 'programme',
  'place:read': 'programme',
  'place:manage': 'programme',
  'availability:manage': 'staff',
  'meeting:book': 'programme',
  'instrument:read': 'programme',
  'instrument:import': 'programme',
  'consent:read': 'case',
  'consent:write': 'case',
  'conditions:read': 'case',
  'conditions:write': 'case',
  'eligibility:decide': 'case',
  'risk:read': 'case',
  'risk:write': 'case',
  'mapping:read': 'case',
  'mapping:write': 'case',
  'protection:read_address': 'case',
  'identity_link:read': 'case',
  'threat_actor:read': 'programme',
  'threat_actor:write': 'programme',
};

/** The section and verb of every section action. */
const SECTION_ACTION_PARTS: Readonly<Record<SectionAction, { section: Section; verb: SectionVerb }>> = {
  'identity:read': { section: 'identity', verb: 'read' },
  'identity:write': { section: 'identity', verb: 'write' },
  'protection:read': { section: 'protection', verb: 'read' },
  'protection:write': { section: 'protection', verb: 'write' },
  'threat:read': { section: 'threat', verb: 'read' },
  'threat:write': { section: 'threat', verb: 'write' },
  'plan:read': { section: 'plan', verb: 'read' },
  'plan:write': { section: 'plan', verb: 'write' },
  'support:read': { section: 'support', verb: 'read' },
  'support:write': { section: 'support', verb: 'write' },
  'economy:read': { section: 'economy', verb: 'read' },
  'economy:write': { section: 'economy', verb: 'write' },
  'followup:read': { section: 'followup', verb: 'read' },
  'followup:write': { section: 'followup', verb: 'write' },
};

const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);

/** True when `x` is one of the known actions. */
export function isAction(x: unknown): x is Action {
  return typeof x === 'string' && ACTION_SET.has(x);
}

/** True when `action` reads or writes a section of a case. */
export function isSectionAction(action: Action): action is SectionAction {
  return Object.hasOwn(SECTION_ACTION_PARTS, action);
}

/** The section and verb of a section action. */
export function sectionActionParts(action: SectionAction): { section: Section; verb: SectionVerb } {
  return SECTION_ACTION_PARTS[action];
}

/** The action that reads or writes `section`. */
export function sectionAction(section: Section, verb: SectionVerb): SectionAction {
  return `${section}:${verb}`;
}

/** The actions that apply to a resource kind, in list order. */
export function actionsForResourceKind(kind: ResourceKind): readonly Action[] {
  return ACTIONS.filter((action) => ACTION_RESOURCE_KIND[action] === kind);
}

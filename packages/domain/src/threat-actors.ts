import { z } from 'zod';
import { addIssue, optionalText, requiredText } from './assessment-schema-parts.ts';
import { ASSESSMENT_VALIDATION_MESSAGES } from './assessment-validation.ts';
import { idSchema } from './schemas/edge.schemas.ts';

/** A criminal group or network known to the programme (reused across cases). */
export type ThreatGroup = { id: string; name: string };

/**
 * A person who threatens. SECURITY: name, alias and notes identify a person; the server stores
 * them encrypted under the record's own key and never lists them outside the registry.
 */
export type ThreatPerson = { id: string; groupId?: string | null; name: string; alias?: string; notes?: string };

/** How a case is linked to a group or a threatening person. */
export const ACTOR_LINK_KINDS = ['member_of', 'left', 'threatened_by', 'rival'] as const;

/** How a case is linked to a group or a threatening person. */
export type ActorLinkKind = (typeof ACTOR_LINK_KINDS)[number];

/** A link between a case and a group (or a person). */
export type CaseActorLink = { kind: ActorLinkKind; groupId?: string | null; threatPersonId?: string | null };

/** A rivalry between two groups, stored once with the smaller id first. */
export type Rivalry = { groupA: string; groupB: string };

/** The body of registering a group. */
export const createThreatGroupBody = z.object({
  name: requiredText(200),
  municipalities: z.array(requiredText(100)).max(50).default([]),
});

/** The body of registering a threatening person (identity fields are encrypted by the server). */
export const createThreatPersonBody = z.object({
  groupId: idSchema.optional(),
  name: requiredText(200),
  alias: optionalText(200),
  notes: optionalText(4000),
});

/** The body of recording a rivalry; a group cannot be its own rival. */
export const createRivalryBody = z
  .object({ groupA: idSchema, groupB: idSchema })
  .superRefine((body, ctx) => {
    if (body.groupA === body.groupB) addIssue(ctx, 'rivalry_with_itself', ['groupB']);
  })
  .transform((body) => normaliseRivalry(body.groupA, body.groupB));

/** The body of linking a case to exactly one group or one threatening person. */
export const createActorLinkBody = z
  .object({ kind: z.enum(ACTOR_LINK_KINDS), groupId: idSchema.optional(), threatPersonId: idSchema.optional() })
  .superRefine((body, ctx) => {
    if ((body.groupId === undefined) === (body.threatPersonId === undefined)) {
      addIssue(ctx, 'link_target_required', ['groupId']);
    }
  });

/** A rivalry in its stored form: the smaller id first, so (a, b) and (b, a) are one row. */
export function normaliseRivalry(a: string, b: string): Rivalry {
  return a < b ? { groupA: a, groupB: b } : { groupA: b, groupB: a };
}

/** True when the two groups are rivals; symmetric, whichever way the rivalry was recorded. */
export function areRivals(rivalries: readonly Rivalry[], a: string, b: string): boolean {
  if (a === b) return false;
  return rivalries.some((r) => (r.groupA === a && r.groupB === b) || (r.groupA === b && r.groupB === a));
}

/** The rivals of a group, sorted. */
export function rivalsOf(rivalries: readonly Rivalry[], groupId: string): string[] {
  const rivals = new Set<string>();
  for (const r of rivalries) {
    if (r.groupA === groupId && r.groupB !== groupId) rivals.add(r.groupB);
    if (r.groupB === groupId && r.groupA !== groupId) rivals.add(r.groupA);
  }
  return [...rivals].sort();
}

/** A warning before protected housing is chosen in a municipality. */
export type PlacementConflict =
  | { kind: 'rival_group_present'; groupId: string; message: { sv: string; en: string } }
  | {
      kind: 'conflicting_client_present';
      caseId: string;
      groupId: string;
      message: { sv: string; en: string };
    };

/** What `placementConflicts` needs. */
export type PlacementConflictInput = {
  municipality: string;
  /** The case's own links to groups. */
  caseLinks: readonly CaseActorLink[];
  rivalries: readonly Rivalry[];
  groupPresence: readonly { groupId: string; municipality: string }[];
  /** Other clients placed, with the groups they are linked to as members or former members. */
  otherClients: readonly { caseId: string; municipality: string; groupIds: readonly string[] }[];
};

/**
 * A municipality name as it is compared: Unicode NFC, trimmed, inner spaces collapsed, lower case
 * (Swedish rules). The placement's blind index is computed from this form, so "Göteborg" and
 * " göteborg " are one municipality.
 */
export function normaliseMunicipality(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}

function sameMunicipality(a: string, b: string): boolean {
  return normaliseMunicipality(a) === normaliseMunicipality(b);
}

/**
 * The groups in conflict with the person: those that threaten them or are their rivals (linked
 * as 'threatened_by' or 'rival'), and the rivals of their own group ('member_of' or 'left').
 * Their own former group is a conflict too: the person has left it.
 */
function conflictingGroups(links: readonly CaseActorLink[], rivalries: readonly Rivalry[]): Set<string> {
  const conflicting = new Set<string>();
  for (const link of links) {
    const groupId = link.groupId ?? null;
    if (groupId === null) continue;
    conflicting.add(groupId);
    if (link.kind === 'member_of' || link.kind === 'left') {
      for (const rival of rivalsOf(rivalries, groupId)) conflicting.add(rival);
    }
  }
  return conflicting;
}

/**
 * Warnings before protected housing is chosen in `municipality`: a group in conflict with the
 * person (their former group, a group threatening them, or a rival of their group) is known to
 * be there; or another client linked to such a group is placed there. Sorted, one per group or
 * client. A warning, not a ban: the coordinator decides, and sees why.
 */
export function placementConflicts(input: PlacementConflictInput): PlacementConflict[] {
  const conflicting = conflictingGroups(input.caseLinks, input.rivalries);
  const warnings: PlacementConflict[] = [];
  const present = new Set(
    input.groupPresence
      .filter((p) => sameMunicipality(p.municipality, input.municipality) && conflicting.has(p.groupId))
      .map((p) => p.groupId),
  );
  for (const groupId of [...present].sort()) {
    warnings.push({
      kind: 'rival_group_present',
      groupId,
      message: ASSESSMENT_VALIDATION_MESSAGES.rival_group_present,
    });
  }
  const clients = [...input.otherClients].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  for (const client of clients) {
    if (!sameMunicipality(client.municipality, input.municipality)) continue;
    const groupId = [...client.groupIds].sort().find((id) => conflicting.has(id));
    if (groupId !== undefined) {
      warnings.push({
        kind: 'conflicting_client_present',
        caseId: client.caseId,
        groupId,
        message: ASSESSMENT_VALIDATION_MESSAGES.conflicting_client_present,
      });
    }
  }
  return warnings;
}

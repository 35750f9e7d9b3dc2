import { localDateOf, placementConflicts, PROGRAMME_TIME_ZONE, type ActorLinkKind } from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { validationFault } from '../../http/validation-messages.ts';
import { municipalityIndex } from '../protection/placement-index.ts';
import { requireCase } from '../cases/case-access.ts';
import {
  actorLinksOf,
  groupsOf,
  isOnTeamOf,
  otherPlacedCases,
  presenceOf,
  rivalriesOf,
  threatPersonsOf,
} from './threat-actors.repository.ts';

/** Link kinds that put another client on a group's side (members and former members). */
const SIDE_KINDS: ReadonlySet<string> = new Set<ActorLinkKind>(['member_of', 'left']);

/** Today's date (YYYY-MM-DD) in the programme's time zone, for comparing with placement dates. */
function todayIn(now: Date): string {
  const { year, month, day } = localDateOf(now, PROGRAMME_TIME_ZONE);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Warnings before protected housing is chosen in a municipality (the domain's
 * `placementConflicts`): a group in conflict with the person is present there, or another client
 * linked to such a group is placed there now.
 * SECURITY: the other client is never identified; their case code is shown only to a reader who
 * is on that case's team (and so knows it anyway). The municipality is not logged.
 */
export async function checkPlacement(
  ctx: ServiceContext,
  caseId: string,
  municipalityInput: string | undefined,
  now = new Date(),
) {
  await requireCase(ctx, caseId, 'threat_link:read', { logAs: 'risk:read' });
  const municipality = municipalityInput?.trim() ?? '';
  if (municipality === '') throw validationFault('municipality', 'municipality_required');
  const programmeId = ctx.actor.programmeId;
  // One transaction is one connection: the queries run one after another.
  const links = await actorLinksOf(ctx.tx, programmeId, caseId);
  const rivalries = await rivalriesOf(ctx.tx, programmeId);
  const present = await presenceOf(ctx.tx, programmeId);
  const groups = await groupsOf(ctx.tx, programmeId);
  const persons = await threatPersonsOf(ctx.tx, programmeId);
  // SECURITY: other clients' placements are found by the municipality's keyed blind index; their
  // municipalities are never decrypted (nor could they be: each is under its own case's key).
  const others = await otherPlacedCases(ctx.tx, programmeId, {
    caseId,
    today: todayIn(now),
    municipalityIndex: municipalityIndex(ctx.deps.keys, municipality),
  });
  const personGroup = new Map(persons.map((p) => [p.id, p.groupId]));
  const conflicts = placementConflicts({
    municipality,
    // A link to a person counts as a link to the person's group, with the same kind.
    caseLinks: links.map((l) => ({
      kind: l.kind as ActorLinkKind,
      groupId: l.groupId ?? (l.threatPersonId ? (personGroup.get(l.threatPersonId) ?? null) : null),
    })),
    rivalries,
    groupPresence: present,
    otherClients: others.map((o) => ({
      caseId: o.caseId,
      // Selected by the index above: every one of them is placed in this municipality.
      municipality,
      groupIds: o.links.flatMap((l) => (SIDE_KINDS.has(l.kind) && l.groupId ? [l.groupId] : [])),
    })),
  });
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const codes = new Map(others.map((o) => [o.caseId, o.code]));
  const warnings = [];
  const seen = new Set<string>();
  for (const c of conflicts) {
    const other = c.kind === 'conflicting_client_present' ? c.caseId : null;
    // A client placed twice in the municipality (two spellings) is one warning.
    const key = `${c.kind}:${c.groupId}:${other ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const mayName = other !== null && (await isOnTeamOf(ctx.tx, other, ctx.actor.userId));
    warnings.push({
      code: c.kind,
      message: c.message,
      groupId: c.groupId,
      groupName: names.get(c.groupId) ?? null,
      caseCode: mayName ? (codes.get(other) ?? null) : null,
    });
  }
  await ctx.audit({
    action: 'risk:read',
    recordType: 'case',
    recordId: caseId,
    details: { view: 'placement_check', warnings: warnings.length },
  });
  return warnings;
}

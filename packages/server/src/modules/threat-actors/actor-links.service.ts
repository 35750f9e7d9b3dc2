import { AppError, type createActorLinkBody } from '@utvag/domain';
import type { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import {
  actorLinksOf,
  existingGroupIds,
  findThreatPerson,
  groupsOf,
  insertActorLink,
  threatPersonsOf,
} from './threat-actors.repository.ts';
import { presentThreatPerson } from './threat-actors.service.ts';

/** The case's links to groups and persons, with their names for the team. */
export async function listActorLinks(ctx: ServiceContext, caseId: string) {
  // The registry and the case's threat picture both (`threat_link:read`), logged as a risk read.
  await requireCase(ctx, caseId, 'threat_link:read', { logAs: 'risk:read' });
  const links = await actorLinksOf(ctx.tx, ctx.actor.programmeId, caseId);
  const groups = new Map((await groupsOf(ctx.tx, ctx.actor.programmeId)).map((g) => [g.id, g]));
  const personIds = new Set(links.flatMap((l) => (l.threatPersonId ? [l.threatPersonId] : [])));
  const persons =
    personIds.size === 0
      ? new Map()
      : new Map(
          (await threatPersonsOf(ctx.tx, ctx.actor.programmeId))
            .filter((p) => personIds.has(p.id))
            .map((p) => [p.id, presentThreatPerson(ctx, p, false)]),
        );
  await ctx.audit({
    action: 'risk:read',
    recordType: 'case',
    recordId: caseId,
    details: { view: 'actor_links', count: links.length },
  });
  return links.map((l) => {
    const group = l.groupId ? groups.get(l.groupId) : undefined;
    return {
      id: l.id,
      kind: l.kind,
      group: group ? { id: group.id, name: group.name } : null,
      threatPerson: l.threatPersonId ? (persons.get(l.threatPersonId) ?? null) : null,
      createdAt: l.createdAt.toISOString(),
    };
  });
}

/** Links the case to a group or a person of the registry. */
export async function addActorLink(ctx: ServiceContext, caseId: string, body: z.output<typeof createActorLinkBody>) {
  await requireCase(ctx, caseId, 'threat_link:write', { logAs: 'risk:write' });
  let group: { id: string; name: string } | null = null;
  let threatPerson: ReturnType<typeof presentThreatPerson> | null = null;
  if (body.groupId) {
    if (!(await existingGroupIds(ctx.tx, ctx.actor.programmeId, [body.groupId])).has(body.groupId)) {
      throw new AppError('not_found');
    }
    group = (await groupsOf(ctx.tx, ctx.actor.programmeId)).find((g) => g.id === body.groupId) ?? null;
  } else if (body.threatPersonId) {
    const row = await findThreatPerson(ctx.tx, ctx.actor.programmeId, body.threatPersonId);
    if (!row) throw new AppError('not_found');
    threatPerson = presentThreatPerson(ctx, row, false);
  }
  const link = await insertActorLink(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    caseId,
    groupId: body.groupId ?? null,
    threatPersonId: body.threatPersonId ?? null,
    kind: body.kind,
  });
  await ctx.audit({
    action: 'risk:write',
    recordType: 'case',
    recordId: caseId,
    details: { op: 'actor_link', linkId: link.id, kind: body.kind },
  });
  return {
    id: link.id,
    kind: link.kind,
    group: group ? { id: group.id, name: group.name } : null,
    threatPerson,
    createdAt: link.createdAt.toISOString(),
  };
}

import {
  AppError,
  abilitiesFor,
  allowedEvents,
  authorize,
  can,
  isCaseState,
  overdueClocks,
  transition,
  type CaseEvent,
  type CaseResource,
} from '@utvag/domain';
import type { ServiceContext } from '../../http/context.ts';
import { coverageOfCase } from '../assessment/consent-coverage.ts';
import { sealedReadersOf } from '../protection/sealed-readers.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { clocksOfCase, presentClocks, type ClockSettings } from '../meetings/case-clocks.ts';
import { firstMeetingsOfCases, meetingsOfCase, programmeSettings } from '../meetings/meetings.repository.ts';
import { presentPlace } from '../scheduling/scheduling.service.ts';
import { caseDataKey, decryptIdentity, type Identity } from './case-crypto.ts';
import { decryptChecklists, decryptRelatedPersons } from './case-sections.ts';
import {
  casesOnTeam,
  checklistsOf,
  findCase,
  insertCaseEvent,
  openCasesOnTeamForClocks,
  personOf,
  relatedPersonsOf,
  teamOf,
  teamsOf,
  updateCaseState,
} from './cases.repository.ts';

type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

const programmeOf = (ctx: ServiceContext) => ({ kind: 'programme' as const, programmeId: ctx.actor.programmeId });

/**
 * The resource the policies judge: programme, team, the organisations a current consent or legal
 * basis covers (per section), and the sealed readers of an identity link. Built on every request,
 * so a withdrawn consent or an ended team membership is in force at once.
 */
async function caseResourceOf(
  ctx: ServiceContext,
  caseId: string,
  teamUserIds: readonly string[],
): Promise<CaseResource> {
  const coverage = await coverageOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  return {
    kind: 'case',
    programmeId: ctx.actor.programmeId,
    caseId,
    teamUserIds,
    consentedOrganisationIds: Object.keys(coverage),
    coverage,
    sealedReaders: await sealedReadersOf(ctx.tx, caseId),
  };
}

/** The policy resource of one case, as every case route judges it. */
export async function caseResource(ctx: ServiceContext, caseId: string): Promise<CaseResource> {
  return caseResourceOf(ctx, caseId, await teamOf(ctx.tx, caseId));
}

/**
 * The case, when the actor may read it. SECURITY: "no such case" and "not yours" answer alike
 * (404) and both refusals are logged under `action`, so probing for case ids shows in the log.
 */
export async function requireReadableCase(
  ctx: ServiceContext,
  caseId: string,
  action: string = 'case:read',
): Promise<{ row: CaseRow; resource: CaseResource }> {
  const row = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  if (!row) throw refusal(ctx, 'not_found', { action, recordType: 'case', recordId: caseId });
  const resource = await caseResource(ctx, caseId);
  if (!can(ctx.actor, 'case:read', resource)) {
    throw refusal(ctx, 'not_found', { action, recordType: 'case', recordId: caseId });
  }
  return { row, resource };
}

/** The programme's clock targets and time zone. */
export async function clockSettings(ctx: ServiceContext): Promise<ClockSettings> {
  const settings = await programmeSettings(ctx.tx, ctx.actor.programmeId);
  if (!settings) throw new AppError('internal', { cause: new Error('acting programme has no row') });
  return settings;
}

/** The cases on the actor's team; the list shows codes and states only, never identities. */
export async function listMyCases(ctx: ServiceContext) {
  authorize(ctx.actor, 'case:list', programmeOf(ctx));
  const rows = await casesOnTeam(ctx.tx, ctx.actor.programmeId, ctx.actor.userId);
  const listed = [];
  for (const row of rows) {
    const resource = await caseResource(ctx, row.id);
    // SECURITY: being on the team is not enough for a partner or coach: consent must cover them.
    if (!can(ctx.actor, 'case:read', resource)) continue;
    listed.push({ id: row.id, code: row.code, state: row.state, abilities: [...abilitiesFor(ctx.actor, resource)] });
  }
  await ctx.audit({ action: 'case:list', details: { count: listed.length } });
  return listed;
}

/**
 * One case as far as the actor may see it. Each section is decrypted only when the policy allows
 * it, and each decrypted read is logged; a section the actor may not read is null, not empty.
 */
async function caseView(ctx: ServiceContext, row: CaseRow, resource: CaseResource, now = new Date()) {
  const caseId = row.id;
  let identity: Identity | null = null;
  let relatedPersons: ReturnType<typeof decryptRelatedPersons> | null = null;
  if (can(ctx.actor, 'identity:read', resource)) {
    const dataKey = caseDataKey(ctx.deps.keys, row);
    const person = await personOf(ctx.tx, caseId);
    relatedPersons = decryptRelatedPersons(dataKey, await relatedPersonsOf(ctx.tx, ctx.actor.programmeId, caseId));
    if (person) identity = decryptIdentity(dataKey, person);
    if (person || relatedPersons.length > 0) {
      await ctx.audit({
        action: 'identity:read',
        recordType: 'case',
        recordId: caseId,
        ...(relatedPersons.length > 0 ? { details: { relatedPersons: relatedPersons.length } } : {}),
      });
    }
  }
  let checklists: ReturnType<typeof decryptChecklists> | null = null;
  if (can(ctx.actor, 'threat:read', resource)) {
    checklists = decryptChecklists(ctx, await checklistsOf(ctx.tx, ctx.actor.programmeId, caseId));
    // Nothing decrypted, nothing read: an empty section leaves no entry.
    if (checklists.length > 0) {
      await ctx.audit({
        action: 'threat:read',
        recordType: 'case',
        recordId: caseId,
        details: { checklists: checklists.length },
      });
    }
  }
  // SECURITY: a place's name says where a person under threat will be: programme staff only.
  const mayReadPlaces = can(ctx.actor, 'place:read', programmeOf(ctx));
  const meetingRows = await meetingsOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  const meetings = meetingRows.map((m) => ({
    id: m.id,
    kind: m.kind,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    heldAt: m.heldAt?.toISOString() ?? null,
    staff: { userId: m.staffUserId, displayName: m.staffDisplayName },
    place: { id: m.place.id, name: mayReadPlaces ? presentPlace(ctx, m.place).name : null },
  }));
  const firstMeetings = meetingRows.filter((m) => m.kind === 'first_meeting');
  const clocks = clocksOfCase(row, firstMeetings, await clockSettings(ctx), now);
  const state = row.state;
  const abilities = [...abilitiesFor(ctx.actor, resource)];
  if (can(ctx.actor, 'meeting:book', programmeOf(ctx))) abilities.push('meeting:book');
  return {
    id: caseId,
    code: row.code,
    state,
    // SECURITY: the acute alarm is part of the threat picture: only those who may read it see it.
    acute: can(ctx.actor, 'threat:read', resource) ? row.acute : null,
    contactAt: row.contactAt.toISOString(),
    identity,
    relatedPersons,
    checklists,
    meetings,
    clocks: presentClocks(clocks),
    allowedEvents: can(ctx.actor, 'case:transition', resource) && isCaseState(state) ? [...allowedEvents(state)] : [],
    abilities,
  };
}

/** One case; the read is logged, and so is every section decrypted for it (see `caseView`). */
export async function getCase(ctx: ServiceContext, caseId: string) {
  const { row, resource } = await requireReadableCase(ctx, caseId);
  await ctx.audit({ action: 'case:read', recordType: 'case', recordId: caseId });
  return caseView(ctx, row, resource);
}

/**
 * Moves a case on in its lifecycle and records the step in `case_events`. A decision after
 * assessment (admit, decline, refer) stops the assessment clock.
 */
export async function transitionCase(ctx: ServiceContext, caseId: string, event: CaseEvent) {
  const { row, resource } = await requireReadableCase(ctx, caseId, 'case:transition');
  if (!can(ctx.actor, 'case:transition', resource)) {
    throw refusal(ctx, 'forbidden', { action: 'case:transition', recordType: 'case', recordId: caseId });
  }
  const from = row.state;
  const result = isCaseState(from) ? transition(from, event) : ({ ok: false } as const);
  if (!result.ok) {
    const allowed = isCaseState(from) ? allowedEvents(from) : [];
    throw new AppError('validation', {
      message: `“${event}” is not possible from “${from}”. Possible: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
      messageKey: 'errors.forbidden_transition',
      fieldErrors: { event: ['errors.forbidden_transition'] },
    });
  }
  const now = new Date();
  const decided = event === 'admit' || event === 'decline' || event === 'refer';
  const moved = await updateCaseState(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    caseId,
    fromState: from,
    toState: result.state,
    assessmentDone: decided ? now : null,
  });
  if (!moved) throw new AppError('conflict');
  await insertCaseEvent(ctx.tx, {
    caseId,
    programmeId: ctx.actor.programmeId,
    event,
    fromState: from,
    toState: result.state,
    byUserId: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'case:transition',
    recordType: 'case',
    recordId: caseId,
    details: { event, from, to: result.state },
  });
  const updated = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  return caseView(ctx, updated!, resource, now);
}

/**
 * Clocks past their target on the open cases of the actor's team, most late first. Codes and
 * times only, never identities. The clocks are the intake's: whoever may book a first meeting is
 * who acts on a late one, so partners, coaches and management are refused.
 */
export async function listOverdue(ctx: ServiceContext, now = new Date()) {
  authorize(ctx.actor, 'meeting:book', programmeOf(ctx));
  const rows = await openCasesOnTeamForClocks(ctx.tx, ctx.actor.programmeId, ctx.actor.userId);
  const teams = await teamsOf(
    ctx.tx,
    rows.map((r) => r.id),
  );
  const readable = [];
  for (const r of rows) {
    if (can(ctx.actor, 'case:read', await caseResourceOf(ctx, r.id, teams.get(r.id) ?? []))) readable.push(r);
  }
  const settings = await clockSettings(ctx);
  const firstMeetings = Map.groupBy(
    await firstMeetingsOfCases(
      ctx.tx,
      ctx.actor.programmeId,
      readable.map((r) => r.id),
    ),
    (m) => m.caseId,
  );
  const overdue = overdueClocks(
    readable.map((r) => ({ caseId: r.id, clocks: clocksOfCase(r, firstMeetings.get(r.id) ?? [], settings, now) })),
  );
  await ctx.audit({ action: 'case:list', details: { view: 'overdue', results: overdue.length } });
  const codes = new Map(readable.map((r) => [r.id, r.code]));
  return overdue.map((o) => ({
    caseId: o.caseId,
    caseCode: codes.get(o.caseId)!,
    clock: o.clock,
    dueAt: o.dueAt.toISOString(),
    lateByMinutes: o.lateByMinutes,
  }));
}

import {
  AppError,
  abilitiesFor,
  caseAbilities,
  allowedEvents,
  authorize,
  can,
  isCaseState,
  overdueClocks,
  transition,
  type CaseEvent,
  type CaseResource,
  programmeOf,
  idSchema,
  type PageQuery,
} from '@utvag/domain';
import { z } from 'zod';
import type { ContextAuditEvent, ServiceContext } from '../../service-context.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import { readableCases, requireCase, type CaseRow } from './case-access.ts';
import { clocksOfCase, presentClocks, type ClockSettings } from '../meetings/case-clocks.ts';
import { firstMeetingsOf, programmeClockSettings } from '../meetings/meetings.port.ts';
import { presentPlace } from '../scheduling/scheduling.service.ts';
import { caseDataKey, decryptIdentity, type Identity } from './case-crypto.ts';
import { decryptChecklists, decryptRelatedPersons } from './case-sections.ts';
import {
  caseViewParts,
  casesOnTeam,
  findCase,
  insertCaseEvent,
  openCasesOnTeamForClocks,
  updateCaseState,
  type CaseListKey,
  type OverdueKey,
} from './cases.repository.ts';

/** The programme's clock targets and time zone. */
export async function clockSettings(ctx: ServiceContext): Promise<ClockSettings> {
  const settings = await programmeClockSettings(ctx);
  if (!settings) throw new AppError('internal', { cause: new Error('acting programme has no row') });
  return settings;
}

/** The key of a case-list cursor: (created_at as exact text, id). */
const caseListKey = z.tuple([z.string().max(64), idSchema]);

/**
 * A page of the cases on the actor's team, oldest first: codes and states only, never
 * identities. SECURITY: nothing is decrypted and no case key is unwrapped for a list row; access
 * is judged set-based for each batch (`readableCases`), never one case at a time.
 */
export async function listMyCases(ctx: ServiceContext, query: PageQuery) {
  authorize(ctx.actor, 'case:list', programmeOf(ctx.actor));
  const page = await keysetPage(
    ctx,
    {
      list: 'cases',
      key: caseListKey,
      fetch: (after, limit) => casesOnTeam(ctx.tx, ctx.actor.programmeId, ctx.actor.userId, { after, limit }),
      keyOf: (row): CaseListKey => [row.createdAt, row.id],
      // SECURITY: being on the team is not enough for a partner or coach: consent must cover them.
      keep: (rows) => readableCases(ctx, rows),
    },
    query,
  );
  const listed = page.items.map(({ row, resource }) => ({
    id: row.id,
    code: row.code,
    state: row.state,
    abilities: [...abilitiesFor(ctx.actor, resource)],
  }));
  await ctx.audit({ action: 'case:list', details: { count: listed.length } });
  return { cases: listed, next: page.next };
}

/**
 * One case as far as the actor may see it. Each section is read and decrypted only when the
 * policy allows it, and each decrypted read is logged; a section the actor may not read is null,
 * not empty. The parts are read in one statement, and the entries (`leading`, the caller's own,
 * first) are written together in one, after everything shown was decrypted: all in the request's
 * transaction, so a read that fails leaves no entry and a shown section never lacks its entry.
 */
async function caseView(
  ctx: ServiceContext,
  row: CaseRow,
  resource: CaseResource,
  leading: readonly ContextAuditEvent[],
  now = new Date(),
) {
  const caseId = row.id;
  const mayReadIdentity = can(ctx.actor, 'identity:read', resource);
  const mayReadThreats = can(ctx.actor, 'threat:read', resource);
  const parts = await caseViewParts(ctx.tx, ctx.actor.programmeId, caseId, {
    identity: mayReadIdentity,
    threats: mayReadThreats,
  });
  if (!parts) throw new AppError('internal', { cause: new Error('acting programme has no row') });
  const events: ContextAuditEvent[] = [...leading];
  let identity: Identity | null = null;
  let relatedPersons: ReturnType<typeof decryptRelatedPersons> | null = null;
  if (mayReadIdentity) {
    const person = parts.person;
    const relatedRows = parts.relatedPersons ?? [];
    // SECURITY: the case key is unwrapped only when there is something of it to decrypt.
    const dataKey = person || relatedRows.length > 0 ? caseDataKey(ctx.deps.keys, row) : null;
    relatedPersons = dataKey ? decryptRelatedPersons(dataKey, relatedRows) : [];
    if (person && dataKey) identity = decryptIdentity(dataKey, person);
    if (person || relatedPersons.length > 0) {
      events.push({
        action: 'identity:read',
        recordType: 'case',
        recordId: caseId,
        ...(relatedPersons.length > 0 ? { details: { relatedPersons: relatedPersons.length } } : {}),
      });
    }
  }
  let checklists: ReturnType<typeof decryptChecklists> | null = null;
  if (mayReadThreats) {
    checklists = decryptChecklists(ctx, parts.checklists ?? []);
    // Nothing decrypted, nothing read: an empty section leaves no entry.
    if (checklists.length > 0) {
      events.push({
        action: 'threat:read',
        recordType: 'case',
        recordId: caseId,
        details: { checklists: checklists.length },
      });
    }
  }
  // SECURITY: a place's name says where a person under threat will be: programme staff only.
  const mayReadPlaces = can(ctx.actor, 'place:read', programmeOf(ctx.actor));
  const meetings = parts.meetings.map((m) => ({
    id: m.id,
    kind: m.kind,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    heldAt: m.heldAt?.toISOString() ?? null,
    staff: { userId: m.staffUserId, displayName: m.staffDisplayName },
    place: { id: m.place.id, name: mayReadPlaces ? presentPlace(ctx, m.place).name : null },
  }));
  const firstMeetings = parts.meetings.filter((m) => m.kind === 'first_meeting');
  const clocks = clocksOfCase(row, firstMeetings, parts.settings, now);
  const state = row.state;
  const abilities = [...caseAbilities(ctx.actor, resource)];
  await ctx.auditAll(events);
  return {
    id: caseId,
    code: row.code,
    state,
    // SECURITY: the acute alarm is part of the threat picture: only those who may read it see it.
    acute: mayReadThreats ? row.acute : null,
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
  const { row, resource } = await requireCase(ctx, caseId);
  return caseView(ctx, row, resource, [{ action: 'case:read', recordType: 'case', recordId: caseId }]);
}

/**
 * Moves a case on in its lifecycle and records the step in `case_events`. A decision after
 * assessment (admit, decline, refer) stops the assessment clock.
 */
export async function transitionCase(ctx: ServiceContext, caseId: string, event: CaseEvent) {
  const { row, resource } = await requireCase(ctx, caseId, 'case:transition');
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
  const updated = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  const transitioned: ContextAuditEvent = {
    action: 'case:transition',
    recordType: 'case',
    recordId: caseId,
    details: { event, from, to: result.state },
  };
  return caseView(ctx, updated!, resource, [transitioned], now);
}

/** The key of an overdue-list cursor: (contact_at as exact text, id). */
const overdueKey = z.tuple([z.string().max(64), idSchema]);

/**
 * Clocks past their target on the open cases of the actor's team, a page of cases at a time in
 * order of first contact (so the longest-late first meeting comes first); `limit` counts cases,
 * each with one or both of its clocks. Codes and times only, never identities: nothing is
 * decrypted. The clocks are the intake's: whoever may book a first meeting is who acts on a late
 * one, so partners, coaches and management are refused.
 */
export async function listOverdue(ctx: ServiceContext, query: PageQuery, now = new Date()) {
  authorize(ctx.actor, 'meeting:book', programmeOf(ctx.actor));
  const settings = await clockSettings(ctx);
  const page = await keysetPage(
    ctx,
    {
      list: 'home-overdue',
      key: overdueKey,
      fetch: (after, limit) =>
        openCasesOnTeamForClocks(ctx.tx, ctx.actor.programmeId, ctx.actor.userId, { after, limit }),
      keyOf: (row): OverdueKey => [row.contactAtExact, row.id],
      // Set-based per batch: one access judgement, one query for the first meetings of all its cases.
      keep: async (rows) => {
        const readable = (await readableCases(ctx, rows)).map((r) => r.row);
        const firstMeetings = Map.groupBy(
          await firstMeetingsOf(
            ctx,
            readable.map((r) => r.id),
          ),
          (m) => m.caseId,
        );
        return readable.flatMap((row) => {
          const late = overdueClocks([
            { caseId: row.id, clocks: clocksOfCase(row, firstMeetings.get(row.id) ?? [], settings, now) },
          ]);
          return late.length > 0 ? [{ row, late }] : [];
        });
      },
    },
    query,
  );
  const overdue = page.items.flatMap(({ row, late }) =>
    late.map((o) => ({
      caseId: o.caseId,
      caseCode: row.code,
      clock: o.clock,
      dueAt: o.dueAt.toISOString(),
      lateByMinutes: o.lateByMinutes,
    })),
  );
  await ctx.audit({ action: 'case:list', details: { view: 'overdue', results: overdue.length } });
  return { overdue, next: page.next };
}

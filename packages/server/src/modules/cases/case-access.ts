import {
  AppError,
  can,
  canOnProgrammeParts,
  isCompositeAction,
  type AnyAction,
  type AuditAction,
  type CaseResource,
} from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { coverageOfRecords } from '../assessment/consent-coverage.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { caseCrypto } from './case-crypto.ts';
import { accessFactsOfCases, findCaseWithAccessFacts, type AccessFacts, type findCase } from './cases.repository.ts';

// The one case-access module. Every service that touches a case goes through `requireCase` (one
// case) or `readableCases` (a list); both build the policy resource the same way and leave the
// decision to the domain's `can()`. SECURITY: nothing here decides access itself.

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** What a refusal names in the audit log when it is not the case itself (a meeting, a placement). */
export type RefusalRecord = { recordType: string; recordId: string; details?: Record<string, string> };

/** The policy resource of a case from its access facts, judged at the time of the request. */
function resourceOf(ctx: ServiceContext, caseId: string, facts: AccessFacts | undefined, at: Date): CaseResource {
  const covered = facts ? coverageOfRecords(facts.consents, facts.legalBases, at) : {};
  return {
    kind: 'case',
    programmeId: ctx.actor.programmeId,
    caseId,
    teamUserIds: facts?.teamUserIds ?? [],
    consentedOrganisationIds: Object.keys(covered),
    coverage: covered,
    sealedReaders: facts?.sealedReaders ?? [],
  };
}

/**
 * The policy resources of several cases: programme, team, the organisations a current consent or
 * legal basis covers (per section), and the sealed readers of an identity link. Built on every
 * request, so a withdrawn consent or an ended team membership is in force at once; one query
 * whatever the number of cases.
 */
export async function caseResources(
  ctx: ServiceContext,
  caseIds: readonly string[],
): Promise<Map<string, CaseResource>> {
  const ids = [...new Set(caseIds)];
  const facts = await accessFactsOfCases(ctx.tx, ctx.actor.programmeId, ids);
  const at = new Date();
  return new Map(ids.map((caseId) => [caseId, resourceOf(ctx, caseId, facts.get(caseId), at)]));
}

/** The policy resource of one case, as every case route judges it. */
export async function caseResource(ctx: ServiceContext, caseId: string): Promise<CaseResource> {
  return (await caseResources(ctx, [caseId])).get(caseId)!;
}

/**
 * The rows (cases of the acting programme) on which the actor may perform `action`, each with its
 * resource, in the order given. Set-based: the resources of all rows are built at once.
 * SECURITY: a list never shows a case the actor could not open one by one.
 */
export async function readableCases<T extends { id: string }>(
  ctx: ServiceContext,
  rows: readonly T[],
  action: AnyAction = 'case:read',
): Promise<{ row: T; resource: CaseResource }[]> {
  const resources = await caseResources(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.flatMap((row) => {
    const resource = resources.get(row.id)!;
    return can(ctx.actor, 'case:read', resource) && can(ctx.actor, action, resource) ? [{ row, resource }] : [];
  });
}

type RequireOptions = { logAs?: AuditAction; record?: RefusalRecord };

/**
 * Refuses (403, logged) when the actor lacks a programme part of one of these composite actions.
 * `requireCase` does this first; a service that must look up another record before the case (a
 * meeting) calls it before that lookup, so the refusal says nothing about whether the record exists.
 */
export function requireProgrammeParts(
  ctx: ServiceContext,
  actions: readonly AnyAction[],
  options: RequireOptions & { logAs: AuditAction },
): void {
  const lacking = actions.some(
    (a) => isCompositeAction(a) && !canOnProgrammeParts(ctx.actor, a, ctx.actor.programmeId),
  );
  if (lacking) throw refusal(ctx, 'forbidden', { action: options.logAs, ...options.record });
}

/**
 * The case, when the actor may perform `action` (every action, when given several) on it, with its resource and field cipher: the
 * one gate in front of a case and its sections.
 * SECURITY, in this order, every refusal logged (as `options.logAs`, by default `action`):
 * 1. a composite action's programme parts (the threat registry, booking): 403 before the case is
 *    looked up, so that refusal says nothing about whether the case exists;
 * 2. a case not in the programme, or one the actor may not read at all: 404, alike;
 * 3. a readable case on which `action` is not allowed: 403 — or, when only a fresh second factor
 *    is missing, 403 with `errors.fresh_second_factor_required` so the client can step up.
 */
export async function requireCase(
  ctx: ServiceContext,
  caseId: string,
  action: AnyAction | readonly AnyAction[] = 'case:read',
  options: RequireOptions = {},
): Promise<{ row: CaseRow; resource: CaseResource; crypto: ReturnType<typeof caseCrypto> }> {
  const actions: readonly AnyAction[] = typeof action === 'string' ? [action] : action;
  const logAs = options.logAs ?? actions[0] ?? 'case:read';
  const refused = (code: 'forbidden' | 'not_found') =>
    refusal(ctx, code, { action: logAs, recordType: 'case', recordId: caseId, ...options.record });
  requireProgrammeParts(ctx, actions, {
    ...options,
    logAs,
    record: { recordType: 'case', recordId: caseId, ...options.record },
  });
  // The case and what access to it is judged from, in one statement.
  const found = await findCaseWithAccessFacts(ctx.tx, ctx.actor.programmeId, caseId);
  if (!found) throw refused('not_found');
  const { row } = found;
  const resource = resourceOf(ctx, caseId, found.facts, new Date());
  if (!can(ctx.actor, 'case:read', resource)) throw refused('not_found');
  const missing = actions.filter((a) => !can(ctx.actor, a, resource));
  if (missing.length > 0) {
    const refusedAccess = refused('forbidden');
    const stepped = { ...ctx.actor, freshSecondFactor: true };
    if (ctx.actor.freshSecondFactor !== true && missing.every((a) => can(stepped, a, resource))) {
      throw new AppError('forbidden', {
        message: 'Confirm your second factor again to see this.',
        messageKey: 'errors.fresh_second_factor_required',
        cause: refusedAccess.cause,
      });
    }
    throw refusedAccess;
  }
  return { row, resource, crypto: caseCrypto(ctx, row) };
}

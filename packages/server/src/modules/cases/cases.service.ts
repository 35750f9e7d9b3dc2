import { abilitiesFor, authorize, can, type CaseResource } from '@utvag/domain';
import type { ServiceContext } from '../../http/context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { caseDataKey, decryptIdentity, type Identity } from './case-crypto.ts';
import { casesOnTeam, findCase, personOf, teamOf } from './cases.repository.ts';

/** The resource the policies judge: programme, team and (from the consent register, later) consents. */
async function caseResource(ctx: ServiceContext, caseId: string): Promise<CaseResource> {
  return {
    kind: 'case',
    programmeId: ctx.actor.programmeId,
    caseId,
    teamUserIds: await teamOf(ctx.tx, caseId),
    consentedOrganisationIds: [],
  };
}

/** The cases on the actor's team; the list shows codes and states only, never identities. */
export async function listMyCases(ctx: ServiceContext) {
  authorize(ctx.actor, 'case:list', { kind: 'programme', programmeId: ctx.actor.programmeId });
  const rows = await casesOnTeam(ctx.tx, ctx.actor.programmeId, ctx.actor.userId);
  await ctx.audit({ action: 'case:list' });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      code: row.code,
      state: row.state,
      abilities: [...abilitiesFor(ctx.actor, await caseResource(ctx, row.id))],
    })),
  );
}

/**
 * One case. SECURITY: "no such case" and "not yours" answer alike (404); the identity is
 * decrypted only when the actor may read that section, and the read is logged.
 */
export async function getCase(ctx: ServiceContext, caseId: string) {
  const row = await findCase(ctx.tx, ctx.actor.programmeId, caseId);
  // Both refusals are logged (as the same 'denied' entry): probing for case ids shows in the log.
  if (!row) throw refusal(ctx, 'not_found', { action: 'case:read', recordType: 'case', recordId: caseId });
  const resource = await caseResource(ctx, caseId);
  if (!can(ctx.actor, 'case:read', resource)) {
    throw refusal(ctx, 'not_found', { action: 'case:read', recordType: 'case', recordId: caseId });
  }
  await ctx.audit({ action: 'case:read', recordType: 'case', recordId: caseId });
  let identity: Identity | null = null;
  if (can(ctx.actor, 'identity:read', resource)) {
    const person = await personOf(ctx.tx, caseId);
    if (person) {
      identity = decryptIdentity(caseDataKey(ctx.deps.keys, row), person);
      await ctx.audit({ action: 'identity:read', recordType: 'case', recordId: caseId });
    }
  }
  return { id: row.id, code: row.code, state: row.state, identity, abilities: [...abilitiesFor(ctx.actor, resource)] };
}

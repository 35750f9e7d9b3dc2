import {
  normaliseMunicipality,
  type AuditAction,
  type CreatePlacementBody,
  type PlacementUpdateBody,
} from '@utvag/domain';
import { randomUUID } from 'node:crypto';
import type { DeferredBody, ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { reasonRepeatsSecret, sensitiveViewState } from './protection.access.ts';
import { municipalityIndex } from './placement-index.ts';
import { presentPlacement } from './protection.presenter.ts';
import {
  findPlacement,
  insertPlacement,
  placementAddressCiphertext,
  placementsOfCase,
  updatePlacement,
} from './protection.repository.ts';
import { validationFault } from '../../http/validation-messages.ts';

/** True when `text` contains `word` as a whole word, in any letter case. */
function namesWord(text: string, word: string): boolean {
  const needle = normaliseMunicipality(word);
  if (needle.length < 2) return false;
  const haystack = ` ${normaliseMunicipality(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return haystack.includes(` ${needle.replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
}

/**
 * Records a protected-housing placement. SECURITY: the address exists only as ciphertext under
 * the case's key, bound to this row; it is not echoed back, logged or put in the audit entry.
 */
export async function createPlacement(ctx: ServiceContext, caseId: string, input: DeferredBody<CreatePlacementBody>) {
  const { crypto } = await requireCase(ctx, caseId, 'protection:write');
  const body = input();
  const id = randomUUID();
  await insertPlacement(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    providerKind: body.providerKind,
    providerNameEnc: crypto.encrypt('placements', 'provider_name_enc', id, body.providerName),
    ivoPermitEnc: crypto.encryptOptional('placements', 'ivo_permit_enc', id, body.ivoPermitNumber),
    municipalityEnc: crypto.encrypt('placements', 'municipality_enc', id, body.municipality),
    municipalityIndex: municipalityIndex(ctx.deps.keys, body.municipality),
    addressEnc: crypto.encrypt('placements', 'address_enc', id, body.address),
    startsOn: body.startsOn,
    endsOn: body.endsOn ?? null,
    costPerDayOre: body.costPerDayOre,
    status: body.status,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'protection:write',
    recordType: 'placement',
    recordId: id,
    details: { caseId, change: 'placement_created' },
  });
  return presentPlacement((await findPlacement(ctx.tx, ctx.actor.programmeId, id))!, crypto);
}

/** The case's placements, oldest first (the relocation history), never with addresses. */
export async function listPlacements(ctx: ServiceContext, caseId: string) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'protection:read');
  const rows = await placementsOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  await ctx.audit({
    action: 'protection:read',
    recordType: 'case',
    recordId: caseId,
    details: { view: 'placements', results: rows.length },
  });
  return {
    placements: rows.map((row) => presentPlacement(row, crypto)),
    addressView: sensitiveViewState(ctx.actor, 'protection:read_address', resource),
  };
}

/** The placement (without address) and its case, or a logged 404 for an id not in the programme. */
async function placementOrRefuse(ctx: ServiceContext, placementId: string, action: AuditAction) {
  const placement = await findPlacement(ctx.tx, ctx.actor.programmeId, placementId);
  if (!placement) throw refusal(ctx, 'not_found', { action, recordType: 'placement', recordId: placementId });
  return placement;
}

/** A relocation step: a placement's status and end date change; the history keeps every placement. */
export async function changePlacement(
  ctx: ServiceContext,
  placementId: string,
  input: DeferredBody<PlacementUpdateBody>,
) {
  const placement = await placementOrRefuse(ctx, placementId, 'protection:write');
  const { crypto } = await requireCase(ctx, placement.caseId, 'protection:write');
  const body = input();
  if (body.endsOn && body.endsOn < placement.startsOn) {
    throw validationFault('endsOn', 'placement_ends_before_start');
  }
  await updatePlacement(ctx.tx, ctx.actor.programmeId, placementId, {
    ...(body.status !== undefined ? { status: body.status } : {}),
    ...(body.endsOn !== undefined ? { endsOn: body.endsOn } : {}),
  });
  await ctx.audit({
    action: 'protection:write',
    recordType: 'placement',
    recordId: placementId,
    details: {
      caseId: placement.caseId,
      change: 'placement_updated',
      status: body.status ?? null,
      endsOn: body.endsOn ?? null,
    },
  });
  return presentPlacement((await findPlacement(ctx.tx, ctx.actor.programmeId, placementId))!, crypto);
}

/**
 * THE one view of a protected address. SECURITY: a coordinator on the team with the protection
 * section and a second factor proved within five minutes, with a stated purpose; the view is
 * logged as 'protection:read_address' with that purpose. Nothing else ever decrypts the address.
 */
export async function viewPlacementAddress(
  ctx: ServiceContext,
  placementId: string,
  input: DeferredBody<{ purpose: string }>,
) {
  const placement = await placementOrRefuse(ctx, placementId, 'protection:read_address');
  const { crypto } = await requireCase(ctx, placement.caseId, 'protection:read_address', {
    record: { recordType: 'placement', recordId: placementId, details: { caseId: placement.caseId } },
  });
  const { purpose } = input();
  const ciphertext = await placementAddressCiphertext(ctx.tx, ctx.actor.programmeId, placementId);
  const address = crypto.decrypt('placements', 'address_enc', placementId, ciphertext!);
  // SECURITY: the purpose is kept in clear in the audit log, which auditors read and which cannot
  // be shredded with the case. It may say why, never where: not the address, nor the provider,
  // nor the municipality (short names too, as whole words).
  const provider = crypto.decrypt('placements', 'provider_name_enc', placementId, placement.providerNameEnc);
  const municipality = crypto.decrypt('placements', 'municipality_enc', placementId, placement.municipalityEnc);
  if (
    reasonRepeatsSecret(purpose, address) ||
    reasonRepeatsSecret(purpose, provider) ||
    namesWord(purpose, municipality)
  ) {
    throw validationFault('purpose', 'reason_contains_secret');
  }
  await ctx.audit({
    action: 'protection:read_address',
    recordType: 'placement',
    recordId: placementId,
    purpose,
    details: { caseId: placement.caseId },
  });
  return { placementId, address };
}

import { randomUUID } from 'node:crypto';
import {
  checkConsentWithdrawal,
  isConsentCurrent,
  isLegalBasisCurrent,
  isSection,
  LEGAL_PROVISIONS,
  SIGNING_METHODS,
  type CreateConsentBody,
  type CreateLegalBasisBody,
  type WithdrawConsentBody,
  disclosureOf,
} from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { requireCase } from '../cases/case-access.ts';
import type { CaseCrypto } from '../cases/case-crypto.ts';
import { requireCaseAttachment } from './attachments.service.ts';
import { validationFaults } from '../../http/validation-messages.ts';
import {
  consentsOfCase,
  existingOrganisationIds,
  findConsent,
  insertConsent,
  insertLegalBasis,
  legalBasesOfCase,
  organisationsOfConsents,
  withdrawConsentRow,
} from './consents.repository.ts';

const signingMethod = z.enum(SIGNING_METHODS);
const legalProvision = z.enum(LEGAL_PROVISIONS);

// The consent register (samtycke) and the legal bases: what lets a partner organisation see a case.
// SECURITY: these rows decide partner access (see consent-coverage.ts); every write is audited.

/** The purposes column is text: it holds the ciphertext as base64, bound to (consent, organisation). */
const purposesBinding = (consentId: string, organisationId: string) =>
  ['consent_organisations', 'purposes', `${consentId}:${organisationId}`] as const;

async function requireKnownOrganisations(ctx: ServiceContext, ids: readonly string[], path: (i: number) => string) {
  const known = await existingOrganisationIds(ctx.tx, ids);
  const faults = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: path(i), code: 'unknown_organisation' as const }],
  );
  if (faults.length > 0) throw validationFaults(faults);
}

/**
 * Records a consent for the organisations it lists. Every check runs before the first write
 * (and all of it in one transaction), so a refused consent leaves nothing behind.
 */
export async function recordConsent(ctx: ServiceContext, caseId: string, body: CreateConsentBody) {
  const { crypto } = await requireCase(ctx, caseId, 'consent:write');
  if (body.method === 'signed_paper') {
    if (body.attachmentId === undefined)
      throw validationFaults([{ path: 'attachmentId', code: 'attachment_required' }]);
  }
  await requireKnownOrganisations(
    ctx,
    body.organisations.map((o) => o.organisationId),
    (i) => `organisations.${i}.organisationId`,
  );
  if (body.attachmentId !== undefined) await requireCaseAttachment(ctx, caseId, body.attachmentId, 'attachmentId');
  const consentId = randomUUID();
  await insertConsent(
    ctx.tx,
    {
      id: consentId,
      programmeId: ctx.actor.programmeId,
      caseId,
      givenAt: new Date(body.givenAt),
      method: body.method,
      witnessEnc: crypto.encryptOptional('consents', 'witness_enc', consentId, body.witnessName),
      attachmentId: body.attachmentId ?? null,
      recordedBy: ctx.actor.userId,
    },
    body.organisations.map((o) => ({
      consentId,
      programmeId: ctx.actor.programmeId,
      organisationId: o.organisationId,
      purposes: crypto.encrypt(...purposesBinding(consentId, o.organisationId), o.purposes).toString('base64'),
      sections: [...o.sections],
    })),
  );
  await ctx.audit({
    action: 'consent:write',
    recordType: 'consent',
    recordId: consentId,
    details: { caseId, organisations: body.organisations.length, method: body.method },
  });
  return { id: consentId };
}

/**
 * Withdraws a consent. SECURITY: it takes effect at once: a withdrawal time a few minutes ahead
 * (the clock tolerance) is brought back to now, so coverage never outlives the person's wish.
 */
export async function withdrawConsent(ctx: ServiceContext, consentId: string, body: WithdrawConsentBody, now: Date) {
  const consent = await findConsent(ctx.tx, ctx.actor.programmeId, consentId);
  if (!consent) {
    throw refusal(ctx, 'not_found', { action: 'consent:write', recordType: 'consent', recordId: consentId });
  }
  const { crypto } = await requireCase(ctx, consent.caseId, 'consent:write');
  const requested = new Date(body.withdrawnAt);
  const withdrawnAt = requested.getTime() > now.getTime() ? now : requested;
  const faults = checkConsentWithdrawal(consent, withdrawnAt);
  if (faults.length > 0) throw validationFaults(faults);
  const updated = await withdrawConsentRow(ctx.tx, ctx.actor.programmeId, consentId, {
    withdrawnAt,
    withdrawnBy: ctx.actor.userId,
    withdrawalNoteEnc: crypto.encryptOptional('consents', 'withdrawal_note_enc', consentId, body.note),
  });
  if (!updated) throw validationFaults([{ path: 'withdrawnAt', code: 'already_withdrawn' }]);
  await ctx.audit({
    action: 'consent:withdraw',
    recordType: 'consent',
    recordId: consentId,
    details: { caseId: consent.caseId },
  });
  return { id: consentId, withdrawnAt: withdrawnAt.toISOString() };
}

function consentStatus(consent: { givenAt: Date; withdrawnAt: Date | null }, now: Date) {
  if (consent.withdrawnAt !== null && consent.withdrawnAt.getTime() <= now.getTime()) return 'withdrawn' as const;
  return isConsentCurrent(consent, now) ? ('current' as const) : ('not_yet_in_force' as const);
}

async function presentConsents(ctx: ServiceContext, crypto: CaseCrypto, caseId: string, now: Date) {
  const rows = await consentsOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  const byConsent = Map.groupBy(
    await organisationsOfConsents(
      ctx.tx,
      ctx.actor.programmeId,
      rows.map((r) => r.id),
    ),
    (o) => o.consentId,
  );
  return rows.map((row) => ({
    id: row.id,
    givenAt: row.givenAt.toISOString(),
    method: signingMethod.parse(row.method),
    witnessName: crypto.decryptOptional('consents', 'witness_enc', row.id, row.witnessEnc),
    attachmentId: row.attachmentId,
    status: consentStatus(row, now),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawalNote: crypto.decryptOptional('consents', 'withdrawal_note_enc', row.id, row.withdrawalNoteEnc),
    recordedBy: row.recordedBy,
    organisations: (byConsent.get(row.id) ?? []).map((o) => ({
      organisationId: o.organisationId,
      name: o.organisationName,
      purposes: crypto.decrypt(...purposesBinding(row.id, o.organisationId), Buffer.from(o.purposes, 'base64')),
      sections: o.sections.filter(isSection),
    })),
  }));
}

/** The consents of a case, decrypted; the read is logged (a partner's as a disclosure to their organisation). */
export async function listConsents(ctx: ServiceContext, caseId: string, now = new Date()) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'consent:read');
  const list = await presentConsents(ctx, crypto, caseId, now);
  await ctx.audit({
    action: 'consent:read',
    recordType: 'case',
    recordId: caseId,
    ...disclosureOf(ctx.actor, resource),
    details: { consents: list.length },
  });
  return list;
}

/** Records a legal basis on which one organisation may see sections of the case. */
export async function recordLegalBasis(ctx: ServiceContext, caseId: string, body: CreateLegalBasisBody) {
  const { crypto } = await requireCase(ctx, caseId, 'consent:write');
  await requireKnownOrganisations(ctx, [body.organisationId], () => 'organisationId');
  const id = randomUUID();
  // The provision text is a citation of law (never about the person), so it is stored as is; the
  // purposes say what is shared about this person, so they are ciphertext under the case's key.
  await insertLegalBasis(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    organisationId: body.organisationId,
    basis: body.basis,
    provisionText: body.provisionText ?? null,
    purposesEnc: crypto.encrypt('legal_bases', 'purposes_enc', id, body.purposes),
    sections: [...body.sections],
    validFrom: new Date(body.validFrom),
    validTo: body.validTo ? new Date(body.validTo) : null,
    recordedBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'legal_basis:write',
    recordType: 'legal_basis',
    recordId: id,
    recipient: body.organisationId,
    details: { caseId, basis: body.basis },
  });
  return { id };
}

/** The legal bases of a case, each with whether it applies now; the read is logged. */
export async function listLegalBases(ctx: ServiceContext, caseId: string, now = new Date()) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'consent:read');
  const rows = await legalBasesOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  await ctx.audit({
    action: 'legal_basis:read',
    recordType: 'case',
    recordId: caseId,
    ...disclosureOf(ctx.actor, resource),
    details: { legalBases: rows.length },
  });
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    basis: legalProvision.parse(row.basis),
    provisionText: row.provisionText,
    /** Null only for a basis recorded before the purposes were kept. */
    purposes: crypto.decryptOptional('legal_bases', 'purposes_enc', row.id, row.purposesEnc),
    sections: row.sections.filter(isSection),
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo?.toISOString() ?? null,
    current: isLegalBasisCurrent(row, now),
    recordedBy: row.recordedBy,
  }));
}

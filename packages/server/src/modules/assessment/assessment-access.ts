import { can, CASE_ACCESS_PATH, type Action, type CaseResource } from '@utvag/domain';
import type { ServiceContext } from '../../http/context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { requireReadableCase } from '../cases/cases.service.ts';
import { caseDataKey } from '../cases/case-crypto.ts';
import { decryptField, encryptField } from '../crypto/field-crypto.ts';

/**
 * The case, when the actor may perform `action` on it, with its field cipher. The one gate of the
 * case sections of the assessment work (consent, conditions, eligibility, meeting records, risk,
 * threat links, protection). SECURITY: a case the actor cannot read at all answers 404 like a
 * missing one; a readable case whose section the actor may not use answers 403. Both refusals are
 * logged under `action`. `complete` fills in what a section's policy needs beyond the case
 * resource (protection: the sealed readers) before the check.
 */
export async function requireCaseAccess(
  ctx: ServiceContext,
  caseId: string,
  action: Action,
  complete?: (resource: CaseResource) => Promise<CaseResource>,
) {
  const found = await requireReadableCase(ctx, caseId, action);
  const { row } = found;
  const resource = complete ? await complete(found.resource) : found.resource;
  if (!can(ctx.actor, action, resource)) {
    throw refusal(ctx, 'forbidden', { action, recordType: 'case', recordId: caseId });
  }
  return { row, resource, crypto: caseCrypto(ctx, row) };
}

/** Encrypts and decrypts free text of one case under its data key, bound to (table, column, row). */
export function caseCrypto(ctx: ServiceContext, row: { id: string; wrappedKey: Buffer }) {
  let key: Buffer | null = null;
  const dataKey = () => (key ??= caseDataKey(ctx.deps.keys, row));
  return {
    encrypt: (table: string, column: string, rowId: string, value: string) =>
      encryptField(dataKey(), value, { table, column, rowId }),
    encryptOptional: (table: string, column: string, rowId: string, value: string | undefined) =>
      value === undefined ? null : encryptField(dataKey(), value, { table, column, rowId }),
    decrypt: (table: string, column: string, rowId: string, value: Buffer) =>
      decryptField(dataKey(), value, { table, column, rowId }),
    decryptOptional: (table: string, column: string, rowId: string, value: Buffer | null) =>
      value === null ? null : decryptField(dataKey(), value, { table, column, rowId }),
  };
}

export type CaseCrypto = ReturnType<typeof caseCrypto>;

/**
 * What the audit entry of a read must add when the reader is outside the programme's own staff:
 * the receiving organisation and the ground. SECURITY: a partner or coach reads only under
 * consent or a legal basis, so each of their reads is a disclosure to their organisation.
 */
export function disclosureOf(ctx: ServiceContext, resource: CaseResource) {
  const staff = ctx.actor.roles.some((role) => CASE_ACCESS_PATH[role] === 'team');
  if (staff) return {};
  const covered = resource.consentedOrganisationIds.includes(ctx.actor.organisationId);
  return { recipient: ctx.actor.organisationId, purpose: covered ? 'consent_or_legal_basis' : 'disclosure' };
}

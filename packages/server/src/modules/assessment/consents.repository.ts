import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { consentOrganisations, consents, legalBases, organisations } from '../../db/schema.ts';

/** The consents of a case in the order they were given, scoped to the programme. */
export async function consentsOfCase(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select()
    .from(consents)
    .where(and(eq(consents.programmeId, programmeId), eq(consents.caseId, caseId)))
    .orderBy(asc(consents.givenAt), asc(consents.id));
}

/** The organisations of these consents, with their names (purposes are ciphertext). */
export async function organisationsOfConsents(tx: Tx, programmeId: string, consentIds: readonly string[]) {
  if (consentIds.length === 0) return [];
  return tx
    .select({
      consentId: consentOrganisations.consentId,
      organisationId: consentOrganisations.organisationId,
      organisationName: organisations.name,
      purposes: consentOrganisations.purposes,
      sections: consentOrganisations.sections,
    })
    .from(consentOrganisations)
    .innerJoin(organisations, eq(organisations.id, consentOrganisations.organisationId))
    .where(
      and(eq(consentOrganisations.programmeId, programmeId), inArray(consentOrganisations.consentId, [...consentIds])),
    )
    .orderBy(asc(organisations.name));
}

/** One consent of the programme, or null. */
export async function findConsent(tx: Tx, programmeId: string, consentId: string) {
  const [row] = await tx
    .select()
    .from(consents)
    .where(and(eq(consents.programmeId, programmeId), eq(consents.id, consentId)));
  return row ?? null;
}

/** The legal bases recorded for a case, scoped to the programme. */
export async function legalBasesOfCase(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select({
      id: legalBases.id,
      organisationId: legalBases.organisationId,
      organisationName: organisations.name,
      basis: legalBases.basis,
      provisionText: legalBases.provisionText,
      purposesEnc: legalBases.purposesEnc,
      sections: legalBases.sections,
      validFrom: legalBases.validFrom,
      validTo: legalBases.validTo,
      recordedBy: legalBases.recordedBy,
      createdAt: legalBases.createdAt,
    })
    .from(legalBases)
    .innerJoin(organisations, eq(organisations.id, legalBases.organisationId))
    .where(and(eq(legalBases.programmeId, programmeId), eq(legalBases.caseId, caseId)))
    .orderBy(asc(legalBases.validFrom), asc(legalBases.id));
}

/**
 * Which of these organisation ids exist. Organisations are shared between programmes (see the
 * admin service), so existing is what "known" means.
 */
export async function existingOrganisationIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** The consents of several cases at once (for a list's access check), scoped to the programme. */
export async function consentsOfCases(tx: Tx, programmeId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .select()
    .from(consents)
    .where(and(eq(consents.programmeId, programmeId), inArray(consents.caseId, [...caseIds])))
    .orderBy(asc(consents.givenAt), asc(consents.id));
}

/** What decides coverage of the legal bases of several cases at once, scoped to the programme. */
export async function legalBasesOfCases(tx: Tx, programmeId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .select({
      id: legalBases.id,
      caseId: legalBases.caseId,
      organisationId: legalBases.organisationId,
      basis: legalBases.basis,
      sections: legalBases.sections,
      validFrom: legalBases.validFrom,
      validTo: legalBases.validTo,
    })
    .from(legalBases)
    .where(and(eq(legalBases.programmeId, programmeId), inArray(legalBases.caseId, [...caseIds])))
    .orderBy(asc(legalBases.validFrom), asc(legalBases.id));
}

/** A consent with the organisations it covers, in one transaction's writes. */
export async function insertConsent(
  tx: Tx,
  consent: typeof consents.$inferInsert,
  covered: (typeof consentOrganisations.$inferInsert)[],
): Promise<void> {
  await tx.insert(consents).values(consent);
  await tx.insert(consentOrganisations).values(covered);
}

/** Records a withdrawal unless the consent is withdrawn already; false when nothing changed. */
export async function withdrawConsentRow(
  tx: Tx,
  programmeId: string,
  consentId: string,
  values: { withdrawnAt: Date; withdrawnBy: string; withdrawalNoteEnc: Buffer | null },
): Promise<boolean> {
  const updated = await tx
    .update(consents)
    .set(values)
    .where(and(eq(consents.id, consentId), eq(consents.programmeId, programmeId), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id });
  return updated.length > 0;
}

export async function insertLegalBasis(tx: Tx, values: typeof legalBases.$inferInsert): Promise<void> {
  await tx.insert(legalBases).values(values);
}

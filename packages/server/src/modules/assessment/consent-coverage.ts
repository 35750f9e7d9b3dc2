import {
  coveredOrganisations,
  isSection,
  LEGAL_PROVISIONS,
  SIGNING_METHODS,
  type ConsentRecord,
  type LegalBasisRecord,
  type LegalProvision,
  type SectionCoverage,
  type SigningMethod,
} from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { consentsOfCases, legalBasesOfCases, organisationsOfConsents } from './consents.repository.ts';

const isSigningMethod = (x: string): x is SigningMethod => (SIGNING_METHODS as readonly string[]).includes(x);
const isProvision = (x: string): x is LegalProvision => (LEGAL_PROVISIONS as readonly string[]).includes(x);

/**
 * Which organisations may see which sections of each case at `at`: the union of its current
 * consents and current legal bases (the domain's `coveredOrganisations`), for several cases in
 * three queries (a list's access check does not ask case by case).
 * SECURITY: partner access to a case is decided from this on every request, so a withdrawal is
 * in force from the next request on. Rows that do not parse (an unknown method, basis or
 * section) grant nothing. Reads ids, dates and section names only; nothing is decrypted.
 */
export async function coverageOfCases(
  tx: Tx,
  programmeId: string,
  caseIds: readonly string[],
  at: Date = new Date(),
): Promise<Map<string, SectionCoverage>> {
  const consentRows = await consentsOfCases(tx, programmeId, caseIds);
  const organisationRows = await organisationsOfConsents(
    tx,
    programmeId,
    consentRows.map((c) => c.id),
  );
  const byConsent = Map.groupBy(organisationRows, (o) => o.consentId);
  const consentsByCase = Map.groupBy(
    consentRows.filter((c) => isSigningMethod(c.method)),
    (c) => c.caseId,
  );
  const basesByCase = Map.groupBy(
    (await legalBasesOfCases(tx, programmeId, caseIds)).filter((b) => isProvision(b.basis)),
    (b) => b.caseId,
  );
  const coverage = new Map<string, SectionCoverage>();
  for (const caseId of caseIds) {
    const consents: ConsentRecord[] = (consentsByCase.get(caseId) ?? []).map((c) => ({
      id: c.id,
      givenAt: c.givenAt,
      method: c.method as SigningMethod,
      withdrawnAt: c.withdrawnAt,
      organisations: (byConsent.get(c.id) ?? []).map((o) => ({
        organisationId: o.organisationId,
        purposes: '',
        sections: o.sections.filter(isSection),
      })),
    }));
    const bases: LegalBasisRecord[] = (basesByCase.get(caseId) ?? []).map((b) => ({
      id: b.id,
      organisationId: b.organisationId,
      basis: b.basis as LegalProvision,
      sections: b.sections.filter(isSection),
      validFrom: b.validFrom,
      validTo: b.validTo,
    }));
    coverage.set(caseId, coveredOrganisations(consents, bases, at));
  }
  return coverage;
}

/** The coverage of one case (see `coverageOfCases`). */
export async function coverageOfCase(
  tx: Tx,
  programmeId: string,
  caseId: string,
  at: Date = new Date(),
): Promise<SectionCoverage> {
  return (await coverageOfCases(tx, programmeId, [caseId], at)).get(caseId) ?? {};
}

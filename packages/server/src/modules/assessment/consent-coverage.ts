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
  const consentsByCase = Map.groupBy(consentRows, (c) => c.caseId);
  const basesByCase = Map.groupBy(await legalBasesOfCases(tx, programmeId, caseIds), (b) => b.caseId);
  const coverage = new Map<string, SectionCoverage>();
  for (const caseId of caseIds) {
    const consents = (consentsByCase.get(caseId) ?? []).map((c) => ({
      ...c,
      organisations: (byConsent.get(c.id) ?? []).map((o) => ({
        organisationId: o.organisationId,
        sections: o.sections,
      })),
    }));
    coverage.set(caseId, coverageOfRecords(consents, basesByCase.get(caseId) ?? [], at));
  }
  return coverage;
}

/** A consent as coverage is judged from it: its dates, its method and what it covers for whom. */
export type CoverageConsent = {
  id: string;
  givenAt: Date;
  method: string;
  withdrawnAt: Date | null;
  organisations: readonly { organisationId: string; sections: readonly string[] }[];
};

/** A legal basis as coverage is judged from it. */
export type CoverageLegalBasis = {
  id: string;
  organisationId: string;
  basis: string;
  sections: readonly string[];
  validFrom: Date;
  validTo: Date | null;
};

/**
 * The coverage of one case at `at` from its consents and legal bases as read (one query reads
 * them for case-access.ts): the same rules as `coverageOfCases`. SECURITY: a consent with an
 * unknown method, a basis with an unknown provision and an unknown section grant nothing.
 */
export function coverageOfRecords(
  consentRows: readonly CoverageConsent[],
  baseRows: readonly CoverageLegalBasis[],
  at: Date = new Date(),
): SectionCoverage {
  const consents: ConsentRecord[] = consentRows
    .filter((c) => isSigningMethod(c.method))
    .map((c) => ({
      id: c.id,
      givenAt: c.givenAt,
      method: c.method as SigningMethod,
      withdrawnAt: c.withdrawnAt,
      organisations: c.organisations.map((o) => ({
        organisationId: o.organisationId,
        purposes: '',
        sections: o.sections.filter(isSection),
      })),
    }));
  const bases: LegalBasisRecord[] = baseRows
    .filter((b) => isProvision(b.basis))
    .map((b) => ({
      id: b.id,
      organisationId: b.organisationId,
      basis: b.basis as LegalProvision,
      sections: b.sections.filter(isSection),
      validFrom: b.validFrom,
      validTo: b.validTo,
    }));
  return coveredOrganisations(consents, bases, at);
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

import { z } from 'zod';
import {
  addIssue,
  isInFuture,
  isoDateTime,
  optionalText,
  readClock,
  requiredText,
  type Clock,
} from './assessment-schema-parts.ts';
import type { AssessmentIssue } from './assessment-validation.ts';
import { isSection, SECTIONS, type Section } from './sections.ts';
import { idSchema } from './schemas/edge.schemas.ts';

/**
 * The grounds on which a partner organisation may see parts of a case. Deliberately short:
 * staff are often unsure which applies, so the list guides the choice, and anything else is
 * recorded as 'other_provision' with the provision written out. Review with the programme's
 * lawyer before relying on it.
 */
export const LEGAL_BASES = ['consent', 'osl_10_2', 'osl_10_27', 'osl_10_28', 'other_provision'] as const;

/** A ground for sharing information. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The grounds recorded as a legal-basis record; consent has its own register. */
export const LEGAL_PROVISIONS = ['osl_10_2', 'osl_10_27', 'osl_10_28', 'other_provision'] as const;

/** A named legal provision (not consent). */
export type LegalProvision = (typeof LEGAL_PROVISIONS)[number];

/** What each ground means, to guide staff: name, reference, and when it applies, in both languages. */
export const LEGAL_BASIS_EXPLANATIONS: Readonly<
  Record<LegalBasis, { reference: string; name: { sv: string; en: string }; guidance: { sv: string; en: string } }>
> = {
  consent: {
    reference: 'OSL 12 kap. 2 §',
    name: { sv: 'Samtycke', en: 'Consent' },
    guidance: {
      sv: 'Personen häver sekretessen själv genom sitt samtycke, för de organisationer och syften som står i samtycket. Kan återkallas när som helst; då upphör delningen direkt.',
      en: 'The person lifts secrecy by consenting, for the organisations and purposes the consent lists. It can be withdrawn at any time, and sharing then stops at once.',
    },
  },
  osl_10_2: {
    reference: 'OSL 10 kap. 2 §',
    name: { sv: 'Nödvändigt utlämnande', en: 'Necessary disclosure' },
    guidance: {
      sv: 'Den utlämnande myndigheten måste lämna uppgiften för att kunna fullgöra sin egen verksamhet. Gäller inte för att hjälpa mottagaren; tolkas snävt.',
      en: 'The disclosing authority must share the information to carry out its own work. It does not cover helping the recipient, and is read narrowly.',
    },
  },
  osl_10_27: {
    reference: 'OSL 10 kap. 27 §',
    name: { sv: 'Generalklausulen', en: 'The general clause' },
    guidance: {
      sv: 'Intresset av att uppgiften lämnas har uppenbart företräde framför det intresse sekretessen skyddar. Gäller inte socialtjänst- eller hälso- och sjukvårdssekretess.',
      en: 'The interest in sharing clearly outweighs the interest secrecy protects. It does not apply to social-services or health-care secrecy.',
    },
  },
  osl_10_28: {
    reference: 'OSL 10 kap. 28 §',
    name: { sv: 'Uppgiftsskyldighet enligt lag', en: 'Duty to disclose under an act' },
    guidance: {
      sv: 'En lag eller förordning ålägger myndigheten att lämna uppgiften. Ange i anteckningen vilken bestämmelse som ålägger skyldigheten.',
      en: 'An act or ordinance requires the authority to share the information. Note which provision imposes the duty.',
    },
  },
  other_provision: {
    reference: '',
    name: { sv: 'Annat lagrum', en: 'Other provision' },
    guidance: {
      sv: 'Ett annat uttryckligt lagrum. Skriv ut lag, kapitel och paragraf, så att granskningen kan pröva det.',
      en: 'Another explicit provision. Write out the act, chapter and section, so that a review can check it.',
    },
  },
};

/** How consent (or agreement to the conditions) was given. */
export const SIGNING_METHODS = ['signed_paper', 'oral_with_witness'] as const;

/** How consent (or agreement to the conditions) was given. */
export type SigningMethod = (typeof SIGNING_METHODS)[number];

/** One organisation a consent covers: what for, and which sections it may see. */
export type ConsentOrganisation = { organisationId: string; purposes: string; sections: readonly Section[] };

/** A recorded consent, as the coverage calculation needs it. */
export type ConsentRecord = {
  id: string;
  organisations: readonly ConsentOrganisation[];
  givenAt: Date;
  method: SigningMethod;
  witnessName?: string;
  withdrawnAt?: Date | null;
};

/** A recorded legal basis: one organisation, the provision, the sections, and when it applies. */
export type LegalBasisRecord = {
  id: string;
  organisationId: string;
  basis: LegalProvision;
  provisionText?: string;
  sections: readonly Section[];
  validFrom: Date;
  validTo?: Date | null;
};

/** For each organisation, the sections of one case it may see: organisation id → sections. */
export type SectionCoverage = Readonly<Record<string, readonly Section[]>>;

/** Consent or agreement given orally needs a witness; shared with the conditions signing. */
export function checkWitness(
  body: { method: SigningMethod; witnessName?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (body.method === 'oral_with_witness' && body.witnessName === undefined) {
    addIssue(ctx, 'witness_required', ['witnessName']);
  }
}

const sectionList = z
  .array(z.enum(SECTIONS))
  .min(1)
  .max(SECTIONS.length * 2)
  .superRefine((sections, ctx) => {
    sections.forEach((section, i) => {
      if (sections.indexOf(section) !== i) addIssue(ctx, 'duplicate_section', [i]);
    });
  });

/**
 * The body of recording a consent, checked against `now`: given no later than now, orally only
 * with a named witness, each organisation once with its purposes and the sections it may see.
 * The server checks that each organisation belongs to the programme (`unknown_organisation`).
 */
export function makeCreateConsentBody(now: Clock) {
  return z
    .object({
      organisations: z
        .array(z.object({ organisationId: idSchema, purposes: requiredText(2000), sections: sectionList }))
        .min(1)
        .max(50),
      givenAt: isoDateTime,
      method: z.enum(SIGNING_METHODS),
      witnessName: optionalText(200),
      /** The scanned paper, uploaded first. */
      attachmentId: idSchema.optional(),
    })
    .superRefine((body, ctx) => {
      if (isInFuture(body.givenAt, now)) addIssue(ctx, 'given_in_future', ['givenAt']);
      checkWitness(body, ctx);
      const ids = body.organisations.map((o) => o.organisationId);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) addIssue(ctx, 'duplicate_organisation', ['organisations', i, 'organisationId']);
      });
    });
}

/** The body of recording a consent, as validated. */
export type CreateConsentBody = z.output<ReturnType<typeof makeCreateConsentBody>>;

/** The body of withdrawing a consent: when (default now, never in the future), and an optional note. */
export function makeWithdrawConsentBody(now: Clock) {
  return z
    .object({ withdrawnAt: isoDateTime.default(() => readClock(now).toISOString()), note: optionalText(2000) })
    .superRefine((body, ctx) => {
      if (isInFuture(body.withdrawnAt, now)) addIssue(ctx, 'withdrawn_in_future', ['withdrawnAt']);
    });
}

/** The body of withdrawing a consent, as validated. */
export type WithdrawConsentBody = z.output<ReturnType<typeof makeWithdrawConsentBody>>;

/** Checks a withdrawal against the consent: not twice, and not before it was given. */
export function checkConsentWithdrawal(
  consent: Pick<ConsentRecord, 'givenAt' | 'withdrawnAt'>,
  withdrawnAt: Date,
): AssessmentIssue[] {
  if (consent.withdrawnAt !== undefined && consent.withdrawnAt !== null) {
    return [{ path: 'withdrawnAt', code: 'already_withdrawn' }];
  }
  if (withdrawnAt.getTime() < consent.givenAt.getTime())
    return [{ path: 'withdrawnAt', code: 'withdrawn_before_given' }];
  return [];
}

/** The body of recording a legal basis; 'other_provision' (and only it) needs the provision written out. */
export const createLegalBasisBody = z
  .object({
    organisationId: idSchema,
    basis: z.enum(LEGAL_PROVISIONS),
    provisionText: optionalText(500),
    purposes: requiredText(2000),
    sections: sectionList,
    validFrom: isoDateTime,
    validTo: isoDateTime.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.basis === 'other_provision' && body.provisionText === undefined) {
      addIssue(ctx, 'provision_text_required', ['provisionText']);
    }
    if (body.basis !== 'other_provision' && body.provisionText !== undefined) {
      addIssue(ctx, 'provision_text_not_allowed', ['provisionText']);
    }
    if (body.validTo !== undefined && Date.parse(body.validTo) <= Date.parse(body.validFrom)) {
      addIssue(ctx, 'valid_to_before_valid_from', ['validTo']);
    }
  });

/** The body of recording a legal basis, as validated. */
export type CreateLegalBasisBody = z.output<typeof createLegalBasisBody>;

/** True when a consent is in force at `at`: given no later than `at` and not withdrawn by then. */
export function isConsentCurrent(consent: Pick<ConsentRecord, 'givenAt' | 'withdrawnAt'>, at: Date): boolean {
  const t = at.getTime();
  const withdrawn = consent.withdrawnAt ?? null;
  return consent.givenAt.getTime() <= t && (withdrawn === null || t < withdrawn.getTime());
}

/** True when a legal basis applies at `at`: from `validFrom` (inclusive) to `validTo` (exclusive). */
export function isLegalBasisCurrent(basis: Pick<LegalBasisRecord, 'validFrom' | 'validTo'>, at: Date): boolean {
  const t = at.getTime();
  const validTo = basis.validTo ?? null;
  return basis.validFrom.getTime() <= t && (validTo === null || t < validTo.getTime());
}

/**
 * For each organisation, the sections it may see at `at`: the union over current consents and
 * current legal bases. Organisations with nothing current are absent. Sections are in
 * `SECTIONS` order.
 * SECURITY: this is what partner access to a case is decided from. A withdrawal at or before
 * `at` removes the consent's organisations at once; unknown section names grant nothing.
 */
export function coveredOrganisations(
  consents: readonly ConsentRecord[],
  legalBases: readonly LegalBasisRecord[],
  at: Date,
): SectionCoverage {
  const byOrganisation = new Map<string, Set<Section>>();
  const grant = (organisationId: string, sections: readonly Section[]) => {
    if (organisationId.length === 0) return;
    const set = byOrganisation.get(organisationId) ?? new Set<Section>();
    for (const section of sections) if (isSection(section)) set.add(section);
    if (set.size > 0) byOrganisation.set(organisationId, set);
  };
  for (const consent of consents) {
    if (!isConsentCurrent(consent, at)) continue;
    for (const organisation of consent.organisations) grant(organisation.organisationId, organisation.sections);
  }
  for (const basis of legalBases) {
    if (isLegalBasisCurrent(basis, at)) grant(basis.organisationId, basis.sections);
  }
  const coverage: Record<string, readonly Section[]> = {};
  for (const [organisationId, sections] of [...byOrganisation].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // defineProperty, so an id such as '__proto__' is an own key and never the prototype.
    Object.defineProperty(coverage, organisationId, {
      value: SECTIONS.filter((section) => sections.has(section)),
      enumerable: true,
    });
  }
  return coverage;
}

/** The consent fields of a case resource, from coverage: the covered organisations and their sections. */
export function caseAccessFromCoverage(coverage: SectionCoverage): {
  consentedOrganisationIds: readonly string[];
  coverage: SectionCoverage;
} {
  return { consentedOrganisationIds: Object.keys(coverage), coverage };
}

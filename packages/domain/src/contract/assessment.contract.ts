import { z } from 'zod';
import { serverClock } from '../clock.ts';
import { CASE_EVENTS, CASE_STATES } from '../case-lifecycle.ts';
import { conditionsAgreementBody, makeSignConditionsBody } from '../conditions.ts';
import {
  createLegalBasisBody,
  LEGAL_PROVISIONS,
  makeCreateConsentBody,
  makeWithdrawConsentBody,
  SIGNING_METHODS,
} from '../consent.ts';
import { ELIGIBILITY_CRITERION_KINDS, ELIGIBILITY_OUTCOMES, eligibilityDecisionBody } from '../eligibility.ts';
import { SECTIONS } from '../sections.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { bilingualView, isoInstant } from './common.contract.ts';

// The first meeting and the assessment: meeting records, attachments, consent and legal bases,
// the conditions agreement and the eligibility decision. The bodies' field rules are the
// domain's (consent.ts, conditions.ts, eligibility.ts); the ones checked against "now" read the
// server's clock at each parse.

// ---- Meeting records and attachments ----

const recordText = (max: number) => z.string().trim().min(1).max(max);

/** Body of recording what was said at a meeting. */
export const createMeetingRecordBody = z
  .object({
    meetingId: idSchema.optional(),
    participantUserIds: z.array(idSchema).min(1).max(20),
    othersPresent: z.string().trim().max(2000).optional(),
    motivation: recordText(8000),
    situation: recordText(8000),
    explained: recordText(8000),
  })
  .strict();
/** Body of recording a meeting. */
export type CreateMeetingRecordBody = z.infer<typeof createMeetingRecordBody>;

/** A recorded meeting: who took part and what was said, in the person's words. */
export const meetingRecordView = z.object({
  id: idSchema,
  meetingId: idSchema.nullable(),
  participantUserIds: z.array(idSchema),
  othersPresent: z.string().nullable(),
  motivation: z.string().nullable(),
  situation: z.string().nullable(),
  explained: z.string().nullable(),
  recordedBy: idSchema,
  createdAt: isoInstant,
});
/** A recorded meeting. */
export type MeetingRecord = z.infer<typeof meetingRecordView>;

/** GET /cases/:id/meeting-records */
export const meetingRecordsResponse = z.object({ meetingRecords: z.array(meetingRecordView) });

/** The largest file an attachment may be. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** The request body limit of the upload route: the file in base64 plus room for the JSON around it. */
export const ATTACHMENT_BODY_LIMIT = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 64 * 1024;
/** The kinds of file an attachment may be (checked against the file's first bytes too). */
export const ATTACHMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** Body of uploading a file (a scanned, signed paper) as base64. */
export const createAttachmentBody = z
  .object({
    // No path separators or control characters: the name goes back out in a header.
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[^/\\\p{Cc}]+$/u),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    dataBase64: z
      .string()
      .min(4)
      .max(ATTACHMENT_BODY_LIMIT)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  })
  .strict();
/** Body of uploading a file. */
export type CreateAttachmentBody = z.infer<typeof createAttachmentBody>;

/** GET /attachments/:id: the file itself, with its own content type. */
export const attachmentFile = z.string().describe('The file (application/pdf, image/png or image/jpeg)');

// ---- Consent and legal bases ----

/** An organisation a consent or legal basis can name. */
export const consentOrganisationOption = z.object({ id: idSchema, name: z.string(), kind: z.string() });
/** An organisation a consent or legal basis can name. */
export type ConsentOrganisationOption = z.infer<typeof consentOrganisationOption>;

/** GET /organisations */
export const consentOrganisationsResponse = z.object({ organisations: z.array(consentOrganisationOption) });

/** Body of recording a consent (given no later than now, orally only with a witness). */
export const createConsentBody = makeCreateConsentBody(serverClock);
/** Body of recording a consent, as sent. */
export type CreateConsentInput = z.input<typeof createConsentBody>;

/** A consent in the register. */
export const consentView = z.object({
  id: idSchema,
  givenAt: isoInstant,
  method: z.enum(SIGNING_METHODS),
  witnessName: z.string().nullable(),
  attachmentId: idSchema.nullable(),
  status: z.enum(['current', 'withdrawn', 'not_yet_in_force']),
  withdrawnAt: isoInstant.nullable(),
  withdrawalNote: z.string().nullable(),
  recordedBy: idSchema,
  organisations: z.array(
    z.object({ organisationId: idSchema, name: z.string(), purposes: z.string(), sections: z.array(z.enum(SECTIONS)) }),
  ),
});
/** A consent in the register. */
export type ConsentView = z.infer<typeof consentView>;

/** GET /cases/:id/consents */
export const consentsResponse = z.object({ consents: z.array(consentView) });

/**
 * Body of withdrawing a consent: when (default now, never in the future) and a note. Sending no
 * body at all withdraws it now.
 */
export const withdrawConsentBody = makeWithdrawConsentBody(serverClock).prefault({});
/** Body of withdrawing a consent, as sent. */
export type WithdrawConsentInput = z.input<typeof withdrawConsentBody>;

/** POST /consents/:id/withdraw */
export const withdrawConsentResponse = z.object({ id: idSchema, withdrawnAt: isoInstant });

/** Body of recording a legal basis for sharing without consent. */
export { createLegalBasisBody };
/** Body of recording a legal basis, as sent. */
export type CreateLegalBasisInput = z.input<typeof createLegalBasisBody>;

/** A recorded legal basis for sharing without consent. */
export const legalBasisView = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  basis: z.enum(LEGAL_PROVISIONS),
  provisionText: z.string().nullable(),
  purposes: z.string().nullable(),
  sections: z.array(z.enum(SECTIONS)),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean(),
  recordedBy: idSchema,
});
/** A recorded legal basis. */
export type LegalBasisView = z.infer<typeof legalBasisView>;

/** GET /cases/:id/legal-bases */
export const legalBasesResponse = z.object({ legalBases: z.array(legalBasisView) });

// ---- Conditions ----

/** One condition of the programme's agreement. */
export const conditionView = z.object({ id: z.string(), text: bilingualView });
/** One condition of the programme's agreement. */
export type ConditionView = z.infer<typeof conditionView>;

/** A version of the programme's conditions agreement (GET /conditions, POST /admin/conditions). */
export const conditionsVersionView = z.object({
  version: z.number().int(),
  conditions: z.array(conditionView),
  createdAt: isoInstant,
});
/** A version of the programme's conditions agreement. */
export type ConditionsVersionView = z.infer<typeof conditionsVersionView>;

/** Body of a new version of the programme's conditions agreement. */
export { conditionsAgreementBody };

/** Body of recording that the person signed the conditions (never in the future). */
export const signConditionsBody = makeSignConditionsBody(serverClock);
/** Body of signing the conditions, as sent. */
export type SignConditionsInput = z.input<typeof signConditionsBody>;

/** A recorded signing of the conditions. */
export const conditionsSignatureView = z.object({
  id: idSchema,
  version: z.number().int(),
  signedAt: isoInstant,
  method: z.enum(SIGNING_METHODS),
  witnessName: z.string().nullable(),
  attachmentId: idSchema.nullable(),
  recordedBy: idSchema,
  conditions: z.array(conditionView),
});
/** A recorded signing of the conditions. */
export type ConditionsSignatureView = z.infer<typeof conditionsSignatureView>;

/** GET /cases/:id/conditions-signatures */
export const conditionsSignaturesResponse = z.object({ signatures: z.array(conditionsSignatureView) });

// ---- Eligibility ----

/** One eligibility criterion of the programme. */
export const eligibilityCriterionView = z.object({
  id: z.string(),
  label: bilingualView,
  kind: z.enum(ELIGIBILITY_CRITERION_KINDS),
  minAge: z.number().int().optional(),
});
/** One eligibility criterion of the programme. */
export type EligibilityCriterionView = z.infer<typeof eligibilityCriterionView>;

/** GET /eligibility/criteria */
export const eligibilityCriteriaResponse = z.object({ criteria: z.array(eligibilityCriterionView) });

/** Body of an eligibility decision. */
export { eligibilityDecisionBody };
/** Body of an eligibility decision, as sent. */
export type EligibilityDecisionInput = z.input<typeof eligibilityDecisionBody>;

/** POST /cases/:id/eligibility: the decision and where the case went. */
export const eligibilityDecisionResponse = z.object({
  id: idSchema,
  outcome: z.enum(ELIGIBILITY_OUTCOMES),
  state: z.enum(CASE_STATES),
  events: z.array(z.enum(CASE_EVENTS)),
});

/** A recorded eligibility decision. */
export const eligibilityDecisionView = z.object({
  id: idSchema,
  outcome: z.enum(ELIGIBILITY_OUTCOMES),
  answers: z.record(z.string(), z.object({ met: z.boolean(), grounds: z.string() })),
  reasoning: z.string(),
  referredTo: z.object({ kind: z.string(), organisationName: z.string(), note: z.string().optional() }).nullable(),
  decidedBy: idSchema,
  decidedAt: isoInstant,
});
/** A recorded eligibility decision. */
export type EligibilityDecisionView = z.infer<typeof eligibilityDecisionView>;

/** GET /cases/:id/eligibility */
export const eligibilityDecisionsResponse = z.object({ decisions: z.array(eligibilityDecisionView) });

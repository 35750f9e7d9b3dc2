import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Draft } from '../../api/client.ts';
import type {
  SignConditionsInput,
  createAttachmentBody,
  createConsentBody,
  createLegalBasisBody,
  createMeetingRecordBody,
  eligibilityDecisionBody,
} from '../../lib/domain.ts';
import {
  conditionsSignaturesResponse,
  conditionsVersionView,
  consentOrganisationsResponse,
  consentsResponse,
  createdResponse,
  eligibilityCriteriaResponse,
  eligibilityDecisionResponse,
  eligibilityDecisionsResponse,
  legalBasesResponse,
  meetingRecordsResponse,
  withdrawConsentResponse,
  type ConditionsVersionView,
  type ConsentView,
} from '../../lib/domain.ts';

// The first meeting, consent, conditions and eligibility of one case. SECURITY: every call is
// the server's decision; a section the user may not read answers 403/404 and is not shown.

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

// The answers' types are the contract's (packages/domain contract/assessment.contract.ts).
export type {
  ConditionsSignatureView as ConditionsSignature,
  ConditionsVersionView as ConditionsVersion,
  ConditionView as Condition,
  ConsentOrganisationOption as ProgrammeOrganisation,
  ConsentView as Consent,
  EligibilityCriterionView as EligibilityCriterion,
  EligibilityDecisionView as EligibilityDecision,
  LegalBasisView as LegalBasis,
  MeetingRecord,
} from '../../lib/domain.ts';

/** How consent or agreement to the conditions was given. */
export type SigningMethod = ConsentView['method'];

export const meetingRecordsKey = (id: string) => ['case', id, 'meeting-records'] as const;
export const consentsKey = (id: string) => ['case', id, 'consents'] as const;
export const conditionsKey = (id: string) => ['case', id, 'conditions'] as const;
export const eligibilityKey = (id: string) => ['case', id, 'eligibility'] as const;

/** The meeting records of a case, newest first. */
export function useMeetingRecords(caseId: string) {
  return useQuery({
    queryKey: meetingRecordsKey(caseId),
    queryFn: () => api(meetingRecordsResponse, `${casePath(caseId)}/meeting-records`),
    retry: false,
  });
}

/** The body of recording a meeting. */
export type MeetingRecordInput = Draft<z.input<typeof createMeetingRecordBody>>;

/** Records what was said at a meeting. */
export function useRecordMeeting(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingRecordInput) =>
      api(createdResponse, `${casePath(caseId)}/meeting-records`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: meetingRecordsKey(caseId) }),
  });
}

/** The consent register and the legal bases of a case. */
export function useConsents(caseId: string) {
  return useQuery({
    queryKey: consentsKey(caseId),
    queryFn: async () => {
      const [consents, bases] = await Promise.all([
        api(consentsResponse, `${casePath(caseId)}/consents`),
        api(legalBasesResponse, `${casePath(caseId)}/legal-bases`).catch(() => ({ legalBases: [] })),
      ]);
      return { consents: consents.consents, legalBases: bases.legalBases };
    },
    retry: false,
  });
}

/** The organisations of the active programme that a consent can name. */
export function useProgrammeOrganisations() {
  return useQuery({
    queryKey: ['programme-organisations'],
    // TODO(server): a programme-scoped list for coordinators; the admin list answers administrators only.
    queryFn: () =>
      api(consentOrganisationsResponse, '/api/v1/organisations').catch(() =>
        api(consentOrganisationsResponse, '/api/v1/admin/organisations'),
      ),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Uploads a file (a scanned, signed consent) as base64; returns its id. */
export function useUploadAttachment(caseId: string) {
  return useMutation({
    mutationFn: (input: Draft<z.input<typeof createAttachmentBody>>) =>
      api(createdResponse, `${casePath(caseId)}/attachments`, { body: input }),
  });
}

/** The body of recording a consent. */
export type ConsentInput = Draft<z.input<typeof createConsentBody>>;

/** Records a consent. */
export function useRecordConsent(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) => api(createdResponse, `${casePath(caseId)}/consents`, { body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: consentsKey(caseId) });
      void client.invalidateQueries({ queryKey: ['case', caseId], exact: true });
    },
  });
}

/** Withdraws a consent; the organisations it covered lose access at once. */
export function useWithdrawConsent(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (consentId: string) =>
      api(withdrawConsentResponse, `/api/v1/consents/${encodeURIComponent(consentId)}/withdraw`, { body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: consentsKey(caseId) }),
  });
}

/** The body of recording a legal basis. */
export type LegalBasisInput = Draft<z.input<typeof createLegalBasisBody>>;

/** Records a legal basis for sharing without consent. */
export function useRecordLegalBasis(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LegalBasisInput) => api(createdResponse, `${casePath(caseId)}/legal-bases`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: consentsKey(caseId) }),
  });
}

/** The current conditions of the programme and the signings of this case. */
export function useConditions(caseId: string) {
  return useQuery({
    queryKey: conditionsKey(caseId),
    queryFn: async () => {
      const [current, signed] = await Promise.all([
        api(conditionsVersionView, '/api/v1/conditions'),
        api(conditionsSignaturesResponse, `${casePath(caseId)}/conditions-signatures`),
      ]);
      const shown: ConditionsVersionView | null = current;
      return { current: shown, signatures: signed.signatures };
    },
    retry: false,
  });
}

/** Records that the person signed (or agreed orally to) a version of the conditions. */
export function useSignConditions(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<SignConditionsInput>) =>
      api(createdResponse, `${casePath(caseId)}/conditions-signatures`, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: conditionsKey(caseId) }),
  });
}

/** The programme's criteria and the decisions of this case. */
export function useEligibility(caseId: string) {
  return useQuery({
    queryKey: eligibilityKey(caseId),
    queryFn: async () => {
      const [criteria, decisions] = await Promise.all([
        api(eligibilityCriteriaResponse, '/api/v1/eligibility/criteria'),
        api(eligibilityDecisionsResponse, `${casePath(caseId)}/eligibility`),
      ]);
      return { criteria: criteria.criteria, decisions: decisions.decisions };
    },
    retry: false,
  });
}

/** The body of an eligibility decision. */
export type EligibilityInput = Draft<z.input<typeof eligibilityDecisionBody>>;

/** Records the decision; the case moves along its lifecycle. */
export function useDecideEligibility(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: EligibilityInput) =>
      api(eligibilityDecisionResponse, `${casePath(caseId)}/eligibility`, { body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: eligibilityKey(caseId) });
      void client.invalidateQueries({ queryKey: ['case', caseId], exact: true });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

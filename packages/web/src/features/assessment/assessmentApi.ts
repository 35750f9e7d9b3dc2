import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';
import type { BilingualText } from '../../lib/domain.ts';

// The first meeting, consent, conditions and eligibility of one case. SECURITY: every call is
// the server's decision; a section the user may not read answers 403/404 and is not shown.

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** A recorded first (or later) meeting: who took part and what was said, in the person's words. */
export type MeetingRecord = {
  id: string;
  meetingId: string | null;
  participantUserIds: string[];
  othersPresent: string | null;
  motivation: string | null;
  situation: string | null;
  explained: string | null;
  recordedBy: string;
  createdAt: string;
};

/** How consent or agreement to the conditions was given. */
export type SigningMethod = 'signed_paper' | 'oral_with_witness';

/** One organisation a consent covers. */
export type ConsentOrganisationView = {
  organisationId: string;
  name: string;
  purposes: string;
  sections: string[];
};

/** A consent in the register. */
export type Consent = {
  id: string;
  organisations: ConsentOrganisationView[];
  givenAt: string;
  method: SigningMethod;
  witnessName: string | null;
  attachmentId: string | null;
  withdrawnAt: string | null;
  status: 'current' | 'withdrawn' | 'not_yet_in_force';
};

/** A recorded legal basis for sharing without consent. */
export type LegalBasis = {
  id: string;
  organisationId: string;
  organisationName: string;
  basis: string;
  provisionText: string | null;
  sections: string[];
  validFrom: string;
  validTo: string | null;
  current: boolean;
};

/** An organisation a consent or legal basis can name. */
export type ProgrammeOrganisation = { id: string; name: string; kind: string };

/** One condition of the programme's agreement. */
export type Condition = { id: string; text: BilingualText };

/** A version of the programme's conditions agreement. */
export type ConditionsVersion = { version: number; conditions: Condition[]; createdAt?: string };

/** A recorded signing of the conditions. */
export type ConditionsSignature = {
  id: string;
  version: number;
  signedAt: string;
  method: SigningMethod;
  recordedBy: string;
  conditions: Condition[];
};

/** One eligibility criterion of the programme. */
export type EligibilityCriterion = { id: string; label: BilingualText; kind: 'boolean' | 'age'; minAge?: number };

/** A recorded eligibility decision. */
export type EligibilityDecision = {
  id: string;
  outcome: 'admitted' | 'declined' | 'referred';
  answers: Record<string, { met: boolean; grounds: string }>;
  reasoning: string;
  referredTo: { kind: string; organisationName: string; note?: string } | null;
  decidedBy: string;
  decidedAt: string;
};

export const meetingRecordsKey = (id: string) => ['case', id, 'meeting-records'] as const;
export const consentsKey = (id: string) => ['case', id, 'consents'] as const;
export const conditionsKey = (id: string) => ['case', id, 'conditions'] as const;
export const eligibilityKey = (id: string) => ['case', id, 'eligibility'] as const;

/** The meeting records of a case, newest first. */
export function useMeetingRecords(caseId: string) {
  return useQuery({
    queryKey: meetingRecordsKey(caseId),
    queryFn: () => apiGet<{ meetingRecords: MeetingRecord[] }>(`${casePath(caseId)}/meeting-records`),
    retry: false,
  });
}

/** The body of recording a meeting. */
export type MeetingRecordInput = {
  meetingId?: string;
  participantUserIds: string[];
  othersPresent?: string;
  motivation: string;
  situation: string;
  explained: string;
};

/** Records what was said at a meeting. */
export function useRecordMeeting(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingRecordInput) => apiPost<{ id: string }>(`${casePath(caseId)}/meeting-records`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: meetingRecordsKey(caseId) }),
  });
}

/** The consent register and the legal bases of a case. */
export function useConsents(caseId: string) {
  return useQuery({
    queryKey: consentsKey(caseId),
    queryFn: async () => {
      const [consents, bases] = await Promise.all([
        apiGet<{ consents: Consent[] }>(`${casePath(caseId)}/consents`),
        apiGet<{ legalBases: LegalBasis[] }>(`${casePath(caseId)}/legal-bases`).catch(() => ({ legalBases: [] })),
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
      apiGet<{ organisations: ProgrammeOrganisation[] }>('/api/v1/organisations').catch(() =>
        apiGet<{ organisations: ProgrammeOrganisation[] }>('/api/v1/admin/organisations'),
      ),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Uploads a file (a scanned, signed consent) as base64; returns its id. */
export function useUploadAttachment(caseId: string) {
  return useMutation({
    mutationFn: (input: { filename: string; contentType: string; dataBase64: string }) =>
      apiPost<{ id: string }>(`${casePath(caseId)}/attachments`, input),
  });
}

/** The body of recording a consent. */
export type ConsentInput = {
  organisations: { organisationId: string; purposes: string; sections: string[] }[];
  givenAt: string;
  method: SigningMethod;
  witnessName?: string;
  attachmentId?: string;
};

/** Records a consent. */
export function useRecordConsent(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) => apiPost<{ id: string }>(`${casePath(caseId)}/consents`, input),
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
      apiPost<{ id: string; withdrawnAt: string }>(`/api/v1/consents/${encodeURIComponent(consentId)}/withdraw`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: consentsKey(caseId) }),
  });
}

/** The body of recording a legal basis. */
export type LegalBasisInput = {
  organisationId: string;
  basis: string;
  provisionText?: string;
  purposes: string;
  sections: string[];
  validFrom: string;
  validTo?: string;
};

/** Records a legal basis for sharing without consent. */
export function useRecordLegalBasis(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LegalBasisInput) => apiPost<{ id: string }>(`${casePath(caseId)}/legal-bases`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: consentsKey(caseId) }),
  });
}

/** The current conditions of the programme and the signings of this case. */
export function useConditions(caseId: string) {
  return useQuery({
    queryKey: conditionsKey(caseId),
    queryFn: async () => {
      const [current, signed] = await Promise.all([
        apiGet<ConditionsVersion>('/api/v1/conditions'),
        apiGet<{ signatures: ConditionsSignature[] }>(`${casePath(caseId)}/conditions-signatures`),
      ]);
      return { current: current as ConditionsVersion | null, signatures: signed.signatures };
    },
    retry: false,
  });
}

/** Records that the person signed (or agreed orally to) a version of the conditions. */
export function useSignConditions(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; signedAt: string; method: SigningMethod; witnessName?: string }) =>
      apiPost<{ id: string }>(`${casePath(caseId)}/conditions-signatures`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: conditionsKey(caseId) }),
  });
}

/** The programme's criteria and the decisions of this case. */
export function useEligibility(caseId: string) {
  return useQuery({
    queryKey: eligibilityKey(caseId),
    queryFn: async () => {
      const [criteria, decisions] = await Promise.all([
        apiGet<{ criteria: EligibilityCriterion[] }>('/api/v1/eligibility/criteria'),
        apiGet<{ decisions: EligibilityDecision[] }>(`${casePath(caseId)}/eligibility`),
      ]);
      return { criteria: criteria.criteria, decisions: decisions.decisions };
    },
    retry: false,
  });
}

/** The body of an eligibility decision. */
export type EligibilityInput = {
  answers: Record<string, { met: boolean; grounds: string }>;
  outcome: 'admitted' | 'declined' | 'referred';
  reasoning: string;
  referredTo?: { kind: 'social_services' | 'other'; organisationName: string; note?: string };
  birthDate?: string;
};

/** Records the decision; the case moves along its lifecycle. */
export function useDecideEligibility(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: EligibilityInput) =>
      apiPost<{ id: string; outcome: string; state: string }>(`${casePath(caseId)}/eligibility`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: eligibilityKey(caseId) });
      void client.invalidateQueries({ queryKey: ['case', caseId], exact: true });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

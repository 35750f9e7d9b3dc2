import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import { reviewsDueResponse, type BilingualText } from '../../lib/domain.ts';
import { useInstrumentDefinition, useInstruments, type InstrumentSummary } from '../instruments/instrumentsApi.ts';

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** A rating: 0 absent, 1 partly, 2 clearly present, or 'unknown' (not enough information, never 0). */
export type RiskRating = '0' | '1' | '2' | 'unknown';
export const RISK_RATINGS: readonly RiskRating[] = ['0', '1', '2', 'unknown'];
export const RISK_JUDGEMENTS = ['low', 'moderate', 'high', 'acute'] as const;
export type RiskJudgement = (typeof RISK_JUDGEMENTS)[number];
export const LIKELIHOODS = ['low', 'moderate', 'high'] as const;
export const SEVERITIES = ['low', 'moderate', 'serious', 'lethal'] as const;
export const INCIDENT_KINDS = ['threat_incident', 'move', 'relapse'] as const;

export type ItemRating = { now: RiskRating; past: RiskRating; evidence: string };
export type Scenario = { description: string; likelihood: string; severity: string; protectiveActions: string[] };
export type PlanAction = { action: string; responsibleOrganisation: string | null; due: string | null };

/** What the server found in the ratings: nothing is summed, the professional judges. */
export type RiskEvaluation = {
  criticalNowItemIds: string[];
  acuteItemIds: string[];
  unknownItemIds: string[];
  criticalUnknownItemIds: string[];
  likelyLethalScenarios: number[];
  suggestedJudgement: string | null;
};

/** What changed from the analysis before. */
export type RiskChanges = {
  comparedWith: string;
  ratings: { itemId: string; when: 'now' | 'past'; from: RiskRating | null; to: RiskRating | null }[];
  evidenceChangedItemIds: string[];
  judgement: { from: string; to: string } | null;
  scenarios: { added: Scenario[]; removed: Scenario[]; changed: { from: Scenario; to: Scenario }[] };
  nextReviewOn: { from: string; to: string } | null;
};

/** A saved risk analysis. */
export type RiskAnalysis = {
  id: string;
  instrumentId: string;
  instrumentVersion: number;
  instrumentName: BilingualText | null;
  ratings: Record<string, ItemRating>;
  scenarios: Scenario[];
  judgement: string;
  judgementJustification: string | null;
  managementPlan: { protectiveActions: PlanAction[] };
  nextReviewOn: string;
  previousAnalysisId: string | null;
  createdAt: string;
  createdBy: string;
  evaluation: RiskEvaluation | null;
  changes: RiskChanges | null;
};

/** Something that makes a new analysis due. */
export type Incident = { id: string; kind: string; occurredAt: string; note: string | null; createdAt: string };

/** Whether a new analysis is due, and why. */
export type ReviewStatus = { due: boolean; reasons: string[] };

/** The risk section of a case: analyses, the hotline checklists beside them, incidents, review status. */
export type RiskSection = {
  analyses: RiskAnalysis[];
  checklists: {
    id: string;
    instrumentKey: string;
    instrumentVersion: number;
    answers: Record<string, string>;
    acute: boolean;
    acuteItemIds: string[];
    judgement: string | null;
    createdAt: string;
  }[];
  incidents: Incident[];
  reviewDue: ReviewStatus;
};

/** The body of saving an analysis. */
export type RiskAnalysisInput = {
  instrumentId: string;
  instrumentVersion: number;
  ratings: Record<string, ItemRating>;
  scenarios: { description: string; likelihood: string; severity: string; protectiveActions: string[] }[];
  judgement: string;
  judgementJustification?: string;
  managementPlan: { protectiveActions: { action: string; responsibleOrganisation?: string; due?: string }[] };
  nextReviewOn: string;
  previousAnalysisId?: string;
};

/** A case whose analysis is due. */
export const riskKey = (id: string) => ['case', id, 'risk'] as const;

/** The risk section of one case. */
export function useRiskSection(caseId: string) {
  return useQuery({
    queryKey: riskKey(caseId),
    queryFn: () => apiGet<RiskSection>(`${casePath(caseId)}/risk-analyses`),
    retry: false,
  });
}

/** Saves a new analysis. */
export function useCreateRiskAnalysis(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RiskAnalysisInput) =>
      apiPost<{ analysis: { id: string; evaluation: RiskEvaluation } }>(`${casePath(caseId)}/risk-analyses`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: riskKey(caseId) });
      void client.invalidateQueries({ queryKey: ['reviews-due'] });
    },
  });
}

/** Records a threat incident, a move or a relapse; a new analysis becomes due. */
export function useRecordIncident(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: string; occurredAt: string; note?: string }) =>
      apiPost<{ incident: Incident; reviewDue: ReviewStatus }>(`${casePath(caseId)}/incidents`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: riskKey(caseId) });
      void client.invalidateQueries({ queryKey: ['reviews-due'] });
    },
  });
}

/** Cases whose risk analysis is due, for the coordinator's home, a page of cases at a time. */
export function useReviewsDue(enabled: boolean) {
  return usePagedList({
    queryKey: ['reviews-due'],
    schema: reviewsDueResponse,
    path: '/api/v1/home/reviews-due',
    rows: (page) => page.reviews,
    enabled,
  });
}

/** The id of the built-in risk analysis instrument. */
export const RISK_INSTRUMENT_KEY = 'utvag-risk-analysis';

/** The instrument a new analysis uses: the newest version of the built-in one, else any risk instrument. */
export function useRiskInstrument() {
  const list = useInstruments();
  const candidates = (list.data?.instruments ?? []).filter((i) => i.kind === 'risk_analysis');
  const preferred = candidates.filter((i) => i.key === RISK_INSTRUMENT_KEY);
  const pool = preferred.length > 0 ? preferred : candidates;
  const newest = pool.reduce<InstrumentSummary | undefined>(
    (best, i) => (best === undefined || i.version > best.version ? i : best),
    undefined,
  );
  const definition = useInstrumentDefinition(newest?.key, newest?.version);
  return {
    definition: definition.data?.definition,
    error: list.error ?? definition.error,
    isPending: list.isPending || (newest !== undefined && definition.isPending),
    none: list.isSuccess && newest === undefined,
  };
}

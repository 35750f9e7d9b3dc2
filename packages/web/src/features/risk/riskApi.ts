import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Draft } from '../../api/client.ts';
import { usePagedList } from '../../api/usePagedList.ts';
import {
  createRiskAnalysisResponse,
  recordIncidentResponse,
  reviewsDueResponse,
  riskSectionView,
  type IncidentInput,
  type RiskAnalysisInput,
  type RiskAnalysisView,
  type RiskSection,
} from '../../lib/domain.ts';
import { useInstrumentDefinition, useInstruments, type InstrumentSummary } from '../instruments/instrumentsApi.ts';

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** A saved risk analysis, as the server describes it. */
export type RiskAnalysis = RiskAnalysisView;
/** Whether a new analysis is due, and why. */
export type ReviewStatus = RiskSection['reviewDue'];

/** A case whose analysis is due. */
export const riskKey = (id: string) => ['case', id, 'risk'] as const;

/** The risk section of one case. */
export function useRiskSection(caseId: string) {
  return useQuery({
    queryKey: riskKey(caseId),
    queryFn: () => api(riskSectionView, `${casePath(caseId)}/risk-analyses`),
    retry: false,
  });
}

/** Saves a new analysis. */
export function useCreateRiskAnalysis(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Draft<RiskAnalysisInput>) =>
      api(createRiskAnalysisResponse, `${casePath(caseId)}/risk-analyses`, { body: input }),
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
    mutationFn: (input: Draft<IncidentInput>) =>
      api(recordIncidentResponse, `${casePath(caseId)}/incidents`, { body: input }),
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

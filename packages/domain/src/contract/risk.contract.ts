import { z } from 'zod';
import { serverClock } from '../clock.ts';
import { makeIncidentBody, makeRiskAnalysisBody, RISK_RATINGS } from '../risk-analysis.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { completedChecklistView } from './cases.contract.ts';
import { bilingualView, isoInstant } from './common.contract.ts';

// Structured risk analyses of a case, the incidents that make a new one due, and the hotline
// checklists shown beside them. SECURITY: the risk section is guarded by the `risk` case section;
// the server decides who reads it.

const ratingView = z.enum(RISK_RATINGS);

/** A threat scenario of an analysis. */
export const scenarioView = z.object({
  description: z.string(),
  likelihood: z.string(),
  severity: z.string(),
  protectiveActions: z.array(z.string()).readonly(),
});
/** A threat scenario of an analysis. */
export type ScenarioView = z.infer<typeof scenarioView>;

/** Whether a new analysis is due, and why. */
export const reviewStatusView = z.object({ due: z.boolean(), reasons: z.array(z.string()).readonly() });

/** What the ratings and scenarios show (the domain's `RiskEvaluation`); nothing is summed. */
export const evaluationView = z.object({
  criticalNowItemIds: z.array(z.string()),
  acuteItemIds: z.array(z.string()),
  unknownItemIds: z.array(z.string()),
  criticalUnknownItemIds: z.array(z.string()),
  likelyLethalScenarios: z.array(z.number().int()),
  suggestedJudgement: z.string().nullable(),
});

/** What changed from the analysis a new one started from (or the one before it). */
export const riskChangesView = z.object({
  comparedWith: idSchema,
  ratings: z.array(
    z.object({
      itemId: z.string(),
      when: z.enum(['now', 'past']),
      from: ratingView.nullable(),
      to: ratingView.nullable(),
    }),
  ),
  evidenceChangedItemIds: z.array(z.string()),
  judgement: z.object({ from: z.string(), to: z.string() }).nullable(),
  scenarios: z.object({
    added: z.array(scenarioView),
    removed: z.array(scenarioView),
    changed: z.array(z.object({ from: scenarioView, to: scenarioView })),
  }),
  nextReviewOn: z.object({ from: z.string(), to: z.string() }).nullable(),
});

/** A protective action of an analysis' management plan. */
export const planActionView = z.object({
  action: z.string(),
  responsibleOrganisation: z.string().nullable(),
  due: z.string().nullable(),
});

/** A saved risk analysis. */
export const riskAnalysisView = z.object({
  id: idSchema,
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  /** The instrument's name, or null when the version can no longer be found. */
  instrumentName: bilingualView.nullable(),
  ratings: z.record(z.string(), z.object({ now: ratingView, past: ratingView, evidence: z.string() })),
  scenarios: z.array(scenarioView),
  judgement: z.string(),
  judgementJustification: z.string().nullable(),
  managementPlan: z.object({ protectiveActions: z.array(planActionView) }),
  nextReviewOn: z.string(),
  previousAnalysisId: idSchema.nullable(),
  createdAt: isoInstant,
  createdBy: idSchema,
  /** Items rated 'unknown' (to find out; never counted as absent), critical ones rated 2 now, etc. */
  evaluation: evaluationView.nullable(),
  /** Null for the first analysis of a case. */
  changes: riskChangesView.nullable(),
});
/** A saved risk analysis. */
export type RiskAnalysisView = z.infer<typeof riskAnalysisView>;

/** Something that makes a new analysis due: a threat incident, a move, a relapse. */
export const incidentView = z.object({
  id: idSchema,
  kind: z.string(),
  occurredAt: isoInstant,
  note: z.string().nullable(),
  createdAt: isoInstant,
});
/** A recorded incident. */
export type IncidentView = z.infer<typeof incidentView>;

/** GET /cases/{id}/risk-analyses: analyses (newest first), checklists, incidents, review status. */
export const riskSectionView = z.object({
  analyses: z.array(riskAnalysisView),
  /** The hotline checklists of the case, shown beside the analyses. */
  checklists: z.array(completedChecklistView),
  incidents: z.array(incidentView),
  reviewDue: reviewStatusView,
});
/** The risk section of a case. */
export type RiskSection = z.infer<typeof riskSectionView>;

/** Body of POST /cases/{id}/risk-analyses; the next review must lie after today, by the server's clock. */
export const riskAnalysisBody = makeRiskAnalysisBody(serverClock);
/** Body of saving an analysis, as sent. */
export type RiskAnalysisInput = z.input<typeof riskAnalysisBody>;

/** POST /cases/{id}/risk-analyses */
export const createRiskAnalysisResponse = z.object({
  analysis: z.object({ id: idSchema, evaluation: evaluationView }),
});

/** Body of POST /cases/{id}/incidents; it cannot have happened in the future. */
export const incidentBody = makeIncidentBody(serverClock);
/** Body of recording an incident, as sent. */
export type IncidentInput = z.input<typeof incidentBody>;

/** POST /cases/{id}/incidents */
export const recordIncidentResponse = z.object({ incident: incidentView, reviewDue: reviewStatusView });

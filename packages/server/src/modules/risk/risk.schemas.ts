import { REVIEW_TRIGGERS, RISK_RATINGS, idSchema } from '@utvag/domain';
import { z } from 'zod';
import { isoDateTime } from '../../http/schemas.ts';

// Response shapes of the risk routes, and the incident body.
// TODO(domain): the incident body belongs in packages/domain/src/risk-analysis.ts beside REVIEW_TRIGGERS.

/** How far ahead of the server's clock a reported time may be (clocks a little apart). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Recording something that makes a re-assessment due; it cannot have happened in the future. */
export function makeIncidentBody(now: Date) {
  return z.strictObject({
    kind: z.enum(REVIEW_TRIGGERS),
    occurredAt: isoDateTime.refine((value) => Date.parse(value) <= now.getTime() + FUTURE_TOLERANCE_MS, {
      message: 'occurred_in_future',
    }),
    note: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .transform((value) => (value === '' ? undefined : value)),
  });
}
export type IncidentBody = z.output<ReturnType<typeof makeIncidentBody>>;

const bilingual = z.object({ sv: z.string(), en: z.string() });
const rating = z.enum(RISK_RATINGS);
const scenario = z.object({
  description: z.string(),
  likelihood: z.string(),
  severity: z.string(),
  protectiveActions: z.array(z.string()).readonly(),
});
const reviewStatus = z.object({ due: z.boolean(), reasons: z.array(z.string()).readonly() });

/** What the ratings and scenarios show (the domain's `RiskEvaluation`). */
export const evaluationView = z.object({
  criticalNowItemIds: z.array(z.string()),
  acuteItemIds: z.array(z.string()),
  unknownItemIds: z.array(z.string()),
  criticalUnknownItemIds: z.array(z.string()),
  likelyLethalScenarios: z.array(z.number().int()),
  suggestedJudgement: z.string().nullable(),
});

export const riskAnalysisView = z.object({
  id: idSchema,
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  /** The instrument's name, or null when the version can no longer be found. */
  instrumentName: bilingual.nullable(),
  ratings: z.record(z.string(), z.object({ now: rating, past: rating, evidence: z.string() })),
  scenarios: z.array(scenario),
  judgement: z.string(),
  judgementJustification: z.string().nullable(),
  managementPlan: z.object({
    protectiveActions: z.array(
      z.object({
        action: z.string(),
        responsibleOrganisation: z.string().nullable(),
        due: z.string().nullable(),
      }),
    ),
  }),
  nextReviewOn: z.string(),
  previousAnalysisId: idSchema.nullable(),
  createdAt: z.string(),
  createdBy: idSchema,
  /** Items rated 'unknown' (to find out; never counted as absent), critical ones rated 2 now, etc. */
  evaluation: evaluationView.nullable(),
  /** What changed from the analysis it started from (or the one before it); null for the first. */
  changes: z
    .object({
      comparedWith: idSchema,
      ratings: z.array(
        z.object({ itemId: z.string(), when: z.enum(['now', 'past']), from: rating.nullable(), to: rating.nullable() }),
      ),
      evidenceChangedItemIds: z.array(z.string()),
      judgement: z.object({ from: z.string(), to: z.string() }).nullable(),
      scenarios: z.object({
        added: z.array(scenario),
        removed: z.array(scenario),
        changed: z.array(z.object({ from: scenario, to: scenario })),
      }),
      nextReviewOn: z.object({ from: z.string(), to: z.string() }).nullable(),
    })
    .nullable(),
});

const checklist = z.object({
  id: idSchema,
  instrumentKey: z.string(),
  instrumentVersion: z.number().int(),
  answers: z.record(z.string(), z.string()),
  acute: z.boolean(),
  acuteItemIds: z.array(z.string()),
  judgement: z.string().nullable(),
  createdAt: z.string(),
});

export const incidentView = z.object({
  id: idSchema,
  kind: z.string(),
  occurredAt: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const riskSectionView = z.object({
  analyses: z.array(riskAnalysisView),
  /** The hotline checklists of the case, shown beside the analysis. */
  checklists: z.array(checklist),
  incidents: z.array(incidentView),
  reviewDue: reviewStatus,
});

export { reviewStatus };

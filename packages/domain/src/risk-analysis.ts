import { z } from 'zod';
import {
  addIssue,
  isInFuture,
  isoDate,
  isoDateTime,
  localIsoDate,
  optionalText,
  readClock,
  requiredText,
  type Clock,
} from './assessment-schema-parts.ts';
import type { AssessmentIssue } from './assessment-validation.ts';
import { instrumentItems } from './instruments/instrument.ts';
import {
  instrumentIdSchema,
  instrumentKeySchema,
  instrumentVersionSchema,
  JUDGEMENT_LEVELS_BY_KIND,
  UNKNOWN_ANSWER,
  type InstrumentDefinition,
} from './instruments/instrument.schema.ts';
import { idSchema } from './schemas/edge.schemas.ts';

/**
 * A rating of one item: 0 absent, 1 partly or possibly present, 2 clearly present, or
 * 'unknown'. SECURITY: 'unknown' means "not enough information" and is never counted as 0.
 */
export const RISK_RATINGS = ['0', '1', '2', UNKNOWN_ANSWER] as const;

/** A rating of one item. */
export type RiskRating = (typeof RISK_RATINGS)[number];

/** The summary judgement of a risk analysis, lowest first. */
export const RISK_JUDGEMENTS = JUDGEMENT_LEVELS_BY_KIND.risk_analysis;

/** The summary judgement of a risk analysis. */
export type RiskJudgement = (typeof RISK_JUDGEMENTS)[number];

/** How likely a scenario is. */
export const SCENARIO_LIKELIHOODS = ['low', 'moderate', 'high'] as const;

/** How likely a scenario is. */
export type ScenarioLikelihood = (typeof SCENARIO_LIKELIHOODS)[number];

/** How severe a scenario would be. */
export const SCENARIO_SEVERITIES = ['low', 'moderate', 'serious', 'lethal'] as const;

/** How severe a scenario would be. */
export type ScenarioSeverity = (typeof SCENARIO_SEVERITIES)[number];

/** Events after an analysis that make a new one due. */
export const REVIEW_TRIGGERS = ['threat_incident', 'move', 'relapse'] as const;

/** An event that makes a new analysis due. */
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

/** One item rated now and in the past, with the evidence for it. */
export type ItemRating = { now: RiskRating; past: RiskRating; evidence: string };

/** What could happen, how likely, how severe, and what protects against it. */
export type RiskScenario = {
  description: string;
  likelihood: ScenarioLikelihood;
  severity: ScenarioSeverity;
  protectiveActions: readonly string[];
};

/** One action of the management plan. */
export type ProtectiveAction = {
  action: string;
  responsibleOrganisation?: string | undefined;
  due?: string | undefined;
};

/** A completed risk analysis, as the pure functions need it. */
export type RiskAnalysis = {
  instrumentId: string;
  instrumentVersion: number;
  ratings: Readonly<Record<string, ItemRating>>;
  scenarios: readonly RiskScenario[];
  judgement: RiskJudgement;
  judgementJustification?: string | undefined;
  managementPlan: { protectiveActions: readonly ProtectiveAction[] };
  /** `YYYY-MM-DD`, always after the day of the analysis. */
  nextReviewOn: string;
};

/**
 * The body of saving a risk analysis, checked against `now`: the next review must be after today
 * (in the programme's time zone) and no protective action may already be overdue. Checked
 * against the instrument by `checkRiskAnalysis`.
 */
export function makeRiskAnalysisBody(now: Clock) {
  return z
    .object({
      instrumentId: instrumentIdSchema,
      instrumentVersion: instrumentVersionSchema,
      ratings: z.record(
        instrumentKeySchema,
        z.object({
          now: z.enum(RISK_RATINGS),
          past: z.enum(RISK_RATINGS),
          evidence: z.string().trim().max(4000).default(''),
        }),
      ),
      scenarios: z
        .array(
          z.object({
            description: requiredText(4000),
            likelihood: z.enum(SCENARIO_LIKELIHOODS),
            severity: z.enum(SCENARIO_SEVERITIES),
            protectiveActions: z.array(requiredText(1000)).max(30).default([]),
          }),
        )
        .max(20),
      judgement: z.enum(RISK_JUDGEMENTS),
      judgementJustification: optionalText(4000),
      managementPlan: z.object({
        protectiveActions: z
          .array(
            z.object({
              action: requiredText(1000),
              responsibleOrganisation: optionalText(200),
              due: isoDate.optional(),
            }),
          )
          .max(50),
      }),
      nextReviewOn: isoDate,
      /** The analysis this one started from, if any. */
      previousAnalysisId: idSchema.optional(),
    })
    .superRefine((body, ctx) => {
      const today = localIsoDate(readClock(now));
      if (body.nextReviewOn <= today) addIssue(ctx, 'review_date_in_past', ['nextReviewOn']);
      body.managementPlan.protectiveActions.forEach((action, i) => {
        if (action.due !== undefined && action.due < today) {
          addIssue(ctx, 'protective_action_due_in_past', ['managementPlan', 'protectiveActions', i, 'due']);
        }
      });
    });
}

/** The body of saving a risk analysis, as validated. */
export type RiskAnalysisBody = z.output<ReturnType<typeof makeRiskAnalysisBody>>;

/** The body of recording what makes a re-assessment due; it cannot have happened in the future. */
export function makeIncidentBody(now: Clock) {
  return z
    .strictObject({
      kind: z.enum(REVIEW_TRIGGERS),
      occurredAt: isoDateTime,
      note: optionalText(4000),
    })
    .superRefine((body, ctx) => {
      if (isInFuture(body.occurredAt, now)) addIssue(ctx, 'occurred_in_future', ['occurredAt']);
    });
}

/** The body of recording an incident, as validated. */
export type IncidentBody = z.output<ReturnType<typeof makeIncidentBody>>;

/** What the ratings and scenarios show. Nothing is summed: the professional judges. */
export type RiskEvaluation = {
  /** Critical items rated 2 now. */
  criticalNowItemIds: string[];
  /** Items whose rating now is one of the instrument's acute answers. */
  acuteItemIds: string[];
  /** Items rated 'unknown' now or in the past: information to find, never "absent". */
  unknownItemIds: string[];
  /** Critical items rated 'unknown' now: the most urgent information to find. */
  criticalUnknownItemIds: string[];
  /** Indexes of scenarios rated high likelihood and lethal severity. */
  likelyLethalScenarios: number[];
  /** 'acute' when a critical item is 2 now, an item is acute, or a scenario is likely and lethal; else null. */
  suggestedJudgement: RiskJudgement | null;
};

function ratingOf(ratings: Readonly<Record<string, ItemRating>>, itemId: string): ItemRating | undefined {
  // SECURITY: item ids such as 'constructor' must not read inherited properties.
  return Object.hasOwn(ratings, itemId) ? ratings[itemId] : undefined;
}

/** Evaluates ratings and scenarios against the instrument (see `RiskEvaluation`). */
export function evaluateRiskAnalysis(
  instrument: InstrumentDefinition,
  analysis: Pick<RiskAnalysis, 'ratings' | 'scenarios'>,
): RiskEvaluation {
  const evaluation: RiskEvaluation = {
    criticalNowItemIds: [],
    acuteItemIds: [],
    unknownItemIds: [],
    criticalUnknownItemIds: [],
    likelyLethalScenarios: [],
    suggestedJudgement: null,
  };
  for (const item of instrumentItems(instrument)) {
    const rating = ratingOf(analysis.ratings, item.id);
    if (rating === undefined) continue;
    const critical = item.critical === true;
    if (critical && rating.now === '2') evaluation.criticalNowItemIds.push(item.id);
    if ((item.acuteAnswers ?? []).includes(rating.now)) evaluation.acuteItemIds.push(item.id);
    if (rating.now === UNKNOWN_ANSWER || rating.past === UNKNOWN_ANSWER) evaluation.unknownItemIds.push(item.id);
    if (critical && rating.now === UNKNOWN_ANSWER) evaluation.criticalUnknownItemIds.push(item.id);
  }
  analysis.scenarios.forEach((scenario, i) => {
    if (scenario.likelihood === 'high' && scenario.severity === 'lethal') evaluation.likelyLethalScenarios.push(i);
  });
  const acute =
    evaluation.criticalNowItemIds.length > 0 ||
    evaluation.acuteItemIds.length > 0 ||
    evaluation.likelyLethalScenarios.length > 0;
  evaluation.suggestedJudgement = acute ? 'acute' : null;
  return evaluation;
}

/**
 * Checks an analysis against its instrument. Every item is rated now and in the past ('unknown'
 * is a rating); a rating of 1 or 2 needs written evidence.
 * The judgement rule: when the evaluation suggests 'acute' (a critical item rated 2 now, or a
 * likely and lethal scenario), the professional may judge lower only with a written
 * justification; the professional judges, but never silently below the warning. An item
 * rated with one of the instrument's own acute answers is a hard floor, as for the hotline
 * checklist: the judgement must then be 'acute'.
 */
export function checkRiskAnalysis(
  instrument: InstrumentDefinition,
  analysis: Pick<RiskAnalysis, 'ratings' | 'scenarios' | 'judgement' | 'judgementJustification'>,
): AssessmentIssue[] {
  if (instrument.kind !== 'risk_analysis') return [{ path: 'instrumentId', code: 'not_a_risk_instrument' }];
  const issues: AssessmentIssue[] = [];
  const items = instrumentItems(instrument);
  const itemIds = new Set(items.map((item) => item.id));
  for (const key of Object.keys(analysis.ratings)) {
    if (!itemIds.has(key)) issues.push({ path: `ratings.${key}`, code: 'unknown_item' });
  }
  for (const item of items) {
    const rating = ratingOf(analysis.ratings, item.id);
    if (rating === undefined) {
      issues.push({ path: `ratings.${item.id}`, code: 'rating_missing' });
      continue;
    }
    const present = (r: RiskRating) => r === '1' || r === '2';
    if ((present(rating.now) || present(rating.past)) && rating.evidence.trim() === '') {
      issues.push({ path: `ratings.${item.id}.evidence`, code: 'evidence_required' });
    }
  }
  const evaluation = evaluateRiskAnalysis(instrument, analysis);
  if (analysis.judgement !== 'acute') {
    if (evaluation.acuteItemIds.length > 0) {
      issues.push({ path: 'judgement', code: 'judgement_below_acute_answer' });
    } else if (evaluation.suggestedJudgement === 'acute' && (analysis.judgementJustification ?? '').trim() === '') {
      issues.push({ path: 'judgementJustification', code: 'judgement_justification_required' });
    }
  }
  return issues;
}

/** One rating that changed between two analyses. */
export type RatingChange = { itemId: string; when: 'now' | 'past'; from: RiskRating | null; to: RiskRating | null };

/** What changed from one analysis to the next: shown beside the new one. */
export type AnalysisDiff = {
  ratings: RatingChange[];
  /** Items whose evidence text changed (the texts themselves are shown by the caller). */
  evidenceChangedItemIds: string[];
  judgement: { from: RiskJudgement; to: RiskJudgement } | null;
  scenarios: { added: RiskScenario[]; removed: RiskScenario[]; changed: { from: RiskScenario; to: RiskScenario }[] };
  nextReviewOn: { from: string; to: string } | null;
};

function scenarioKey(scenario: RiskScenario): string {
  return scenario.description.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameScenario(a: RiskScenario, b: RiskScenario): boolean {
  return (
    a.likelihood === b.likelihood &&
    a.severity === b.severity &&
    a.protectiveActions.length === b.protectiveActions.length &&
    a.protectiveActions.every((action, i) => action === b.protectiveActions[i])
  );
}

/**
 * What changed from `previous` to `next`: ratings now and past (items in either), evidence,
 * judgement, scenarios (matched by description; same description with other ratings or actions
 * is "changed") and the review date. Items are listed sorted by id.
 */
export function diffAnalyses(
  previous: Pick<RiskAnalysis, 'ratings' | 'judgement' | 'scenarios' | 'nextReviewOn'>,
  next: Pick<RiskAnalysis, 'ratings' | 'judgement' | 'scenarios' | 'nextReviewOn'>,
): AnalysisDiff {
  const itemIds = [...new Set([...Object.keys(previous.ratings), ...Object.keys(next.ratings)])].sort();
  const ratings: RatingChange[] = [];
  const evidenceChangedItemIds: string[] = [];
  for (const itemId of itemIds) {
    const before = ratingOf(previous.ratings, itemId);
    const after = ratingOf(next.ratings, itemId);
    for (const when of ['now', 'past'] as const) {
      const from = before?.[when] ?? null;
      const to = after?.[when] ?? null;
      if (from !== to) ratings.push({ itemId, when, from, to });
    }
    if ((before?.evidence ?? '').trim() !== (after?.evidence ?? '').trim()) evidenceChangedItemIds.push(itemId);
  }
  const previousByKey = new Map(previous.scenarios.map((s) => [scenarioKey(s), s]));
  const nextKeys = new Set(next.scenarios.map(scenarioKey));
  const added: RiskScenario[] = [];
  const changed: { from: RiskScenario; to: RiskScenario }[] = [];
  for (const scenario of next.scenarios) {
    const before = previousByKey.get(scenarioKey(scenario));
    if (before === undefined) added.push(scenario);
    else if (!sameScenario(before, scenario)) changed.push({ from: before, to: scenario });
  }
  const removed = previous.scenarios.filter((s) => !nextKeys.has(scenarioKey(s)));
  return {
    ratings,
    evidenceChangedItemIds,
    judgement: previous.judgement === next.judgement ? null : { from: previous.judgement, to: next.judgement },
    scenarios: { added, removed, changed },
    nextReviewOn:
      previous.nextReviewOn === next.nextReviewOn ? null : { from: previous.nextReviewOn, to: next.nextReviewOn },
  };
}

/**
 * A new analysis started from the previous one: its ratings for items the instrument still has,
 * its scenarios and plan. The judgement and the review date are left for the professional to
 * set again, so an old judgement is never carried forward unseen.
 */
export function draftFromPrevious(
  instrument: InstrumentDefinition,
  previous: Pick<RiskAnalysis, 'ratings' | 'scenarios' | 'managementPlan'>,
): Pick<RiskAnalysis, 'ratings' | 'scenarios' | 'managementPlan'> & {
  instrumentId: string;
  instrumentVersion: number;
} {
  const ratings: Record<string, ItemRating> = {};
  for (const item of instrumentItems(instrument)) {
    const rating = ratingOf(previous.ratings, item.id);
    if (rating !== undefined) ratings[item.id] = { ...rating };
  }
  return {
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    ratings,
    scenarios: previous.scenarios.map((s) => ({ ...s, protectiveActions: [...s.protectiveActions] })),
    managementPlan: { protectiveActions: previous.managementPlan.protectiveActions.map((a) => ({ ...a })) },
  };
}

/** Something that happened in a case that may make a new analysis due. */
export type CaseIncident = { kind: string; occurredAt: Date; recordedAt?: Date };

/** Why a new analysis is due. */
export type ReviewDueReason = 'no_analysis' | 'review_date_reached' | ReviewTrigger;

/** Whether a new analysis is due, and why. */
export type ReviewStatus = { due: boolean; reasons: ReviewDueReason[] };

const TRIGGERS: ReadonlySet<string> = new Set(REVIEW_TRIGGERS);

/**
 * Whether a new analysis is due at `now`: on and after the review date (in the programme's time
 * zone), and after any threat incident, move or relapse that happened, or became known, after
 * the analysis was made. A case without an analysis is due.
 */
export function reviewDue(
  analysis: { analysedAt: Date; nextReviewOn: string } | null,
  incidents: readonly CaseIncident[],
  now: Date,
): ReviewStatus {
  if (analysis === null) return { due: true, reasons: ['no_analysis'] };
  const reasons: ReviewDueReason[] = [];
  if (localIsoDate(now) >= analysis.nextReviewOn) reasons.push('review_date_reached');
  const since = analysis.analysedAt.getTime();
  for (const trigger of REVIEW_TRIGGERS) {
    const happened = incidents.some(
      (incident) =>
        incident.kind === trigger &&
        TRIGGERS.has(incident.kind) &&
        incident.occurredAt.getTime() <= now.getTime() &&
        (incident.occurredAt.getTime() > since || (incident.recordedAt?.getTime() ?? 0) > since),
    );
    if (happened) reasons.push(trigger);
  }
  return { due: reasons.length > 0, reasons };
}

/** One case whose analysis is due, for the coordinator's home screen. */
export type DueReview = { caseId: string; nextReviewOn: string | null; reasons: ReviewDueReason[] };

/** The cases whose analysis is due, those without one or with the oldest review date first. */
export function dueReviews(
  cases: readonly {
    caseId: string;
    analysis: { analysedAt: Date; nextReviewOn: string } | null;
    incidents: readonly CaseIncident[];
  }[],
  now: Date,
): DueReview[] {
  const due: DueReview[] = [];
  for (const { caseId, analysis, incidents } of cases) {
    const status = reviewDue(analysis, incidents, now);
    if (status.due) due.push({ caseId, nextReviewOn: analysis?.nextReviewOn ?? null, reasons: status.reasons });
  }
  return due.sort(
    (a, b) =>
      (a.nextReviewOn ?? '').localeCompare(b.nextReviewOn ?? '') ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
}

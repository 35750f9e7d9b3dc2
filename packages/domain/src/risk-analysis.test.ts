import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstrumentDefinition } from './instruments/instrument-definition.ts';
import { instrumentItems } from './instruments/instrument.ts';
import { HOTLINE_THREAT_CHECKLIST_V1 } from './instruments/builtin/hotline-threat-checklist.ts';
import { RISK_ANALYSIS_V1 } from './instruments/builtin/risk-analysis-v1.ts';
import {
  checkRiskAnalysis,
  diffAnalyses,
  draftFromPrevious,
  dueReviews,
  evaluateRiskAnalysis,
  makeRiskAnalysisBody,
  reviewDue,
  RISK_RATINGS,
  type ItemRating,
  type RiskAnalysis,
  type RiskRating,
} from './risk-analysis.ts';

const NOW = new Date('2026-03-10T21:00:00Z'); // 22:00 in Stockholm, 10 March
const ITEM_IDS = instrumentItems(RISK_ANALYSIS_V1).map((item) => item.id);
const rated = (now: RiskRating, past: RiskRating = now, evidence = ''): ItemRating => ({ now, past, evidence });
const allZero = (): Record<string, ItemRating> => Object.fromEntries(ITEM_IDS.map((id) => [id, rated('0')]));

function analysis(overrides: Partial<RiskAnalysis> = {}): RiskAnalysis {
  return {
    instrumentId: RISK_ANALYSIS_V1.id,
    instrumentVersion: 1,
    ratings: allZero(),
    scenarios: [],
    judgement: 'low',
    managementPlan: { protectiveActions: [] },
    nextReviewOn: '2026-04-10',
    ...overrides,
  };
}

// Version 1 as shipped, by hand: id, critical. If this fails because v1 was edited, add v2.
// prettier-ignore
const V1_ITEMS = [
  'actors/threat_stated critical', 'actors/actor_violence_history critical', 'actors/actor_weapons critical',
  'actors/actor_can_locate critical', 'actors/actor_motive -',
  'situation/ongoing_crime_or_debt -', 'situation/contact_with_group -', 'situation/substance_use -',
  'situation/no_safe_housing critical',
  'vulnerability/family_exposed critical', 'vulnerability/isolation -', 'vulnerability/mental_health -',
  'vulnerability/digital_exposure -',
];

describe('the built-in risk analysis', () => {
  it('parses unchanged, as kind risk_analysis with the four levels', () => {
    expect(parseInstrumentDefinition(RISK_ANALYSIS_V1)).toEqual({ ok: true, value: RISK_ANALYSIS_V1 });
    expect(RISK_ANALYSIS_V1).toMatchObject({ id: 'utvag-risk-analysis', version: 1, kind: 'risk_analysis' });
    expect(RISK_ANALYSIS_V1.judgement.levels).toEqual(['low', 'moderate', 'high', 'acute']);
  });

  it('still has the items version 1 shipped with, all required and on the 0–2 scale', () => {
    const actual = RISK_ANALYSIS_V1.parts.flatMap((part) =>
      part.items.map((item) => `${part.id}/${item.id} ${item.critical === true ? 'critical' : '-'}`),
    );
    expect(actual).toEqual(V1_ITEMS);
    for (const item of instrumentItems(RISK_ANALYSIS_V1)) {
      expect(item).toMatchObject({ answerType: 'scale_0_2', required: true });
      expect(item.acuteAnswers).toBeUndefined();
    }
  });

  it('has every text in Swedish and English, and none from a licensed instrument', () => {
    const texts = [
      RISK_ANALYSIS_V1.name,
      ...RISK_ANALYSIS_V1.parts.map((p) => p.title),
      ...instrumentItems(RISK_ANALYSIS_V1).flatMap((i) => [i.text, ...(i.help ? [i.help] : [])]),
    ];
    for (const text of texts) {
      expect(text.sv.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
      expect(text.sv).not.toBe(text.en);
    }
    expect(JSON.stringify(RISK_ANALYSIS_V1)).not.toMatch(/SARA|PATRIARK|VERA|HCR-20|B-SAFER/);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RISK_ANALYSIS_V1.parts[0]?.items[0])).toBe(true);
  });
});

describe('makeRiskAnalysisBody', () => {
  const schema = makeRiskAnalysisBody(NOW);
  const body = { ...analysis(), judgement: 'low' };
  const codes = (input: object) => {
    const result = schema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  };

  it('accepts a complete analysis with a review date after today', () => {
    expect(codes(body)).toEqual([]);
    expect(codes({ ...body, nextReviewOn: '2026-03-11' })).toEqual([]);
  });

  it('rejects a review date today or in the past, in Stockholm time', () => {
    expect(codes({ ...body, nextReviewOn: '2026-03-10' })).toEqual(['nextReviewOn review_date_in_past']);
    expect(codes({ ...body, nextReviewOn: '2025-12-01' })).toEqual(['nextReviewOn review_date_in_past']);
    // 23:30 UTC on 10 March is already 11 March in Stockholm.
    expect(
      makeRiskAnalysisBody(new Date('2026-03-10T23:30:00Z')).safeParse({ ...body, nextReviewOn: '2026-03-11' }).success,
    ).toBe(false);
  });

  it('requires the review date', () => {
    const { nextReviewOn: _omitted, ...rest } = body;
    expect(schema.safeParse(rest).success).toBe(false);
  });

  it('rejects a protective action already overdue, and accepts one due today', () => {
    const plan = (due: string) => ({ protectiveActions: [{ action: 'Flytt till skyddat boende', due }] });
    expect(codes({ ...body, managementPlan: plan('2026-03-10') })).toEqual([]);
    expect(codes({ ...body, managementPlan: plan('2026-03-09') })).toEqual([
      'managementPlan.protectiveActions.0.due protective_action_due_in_past',
    ]);
  });

  it('rejects unknown ratings, likelihoods, severities and judgements', () => {
    expect(schema.safeParse({ ...body, ratings: { threat_stated: rated('3' as RiskRating) } }).success).toBe(false);
    const scenario = { description: 'Skjutning', likelihood: 'certain', severity: 'lethal', protectiveActions: [] };
    expect(schema.safeParse({ ...body, scenarios: [scenario] }).success).toBe(false);
    expect(schema.safeParse({ ...body, judgement: 'elevated' }).success).toBe(false);
  });
});

describe('evaluateRiskAnalysis', () => {
  it('suggests nothing when nothing is present', () => {
    expect(evaluateRiskAnalysis(RISK_ANALYSIS_V1, analysis()).suggestedJudgement).toBeNull();
  });

  it('suggests acute for a critical item rated 2 now, not for a 2 in the past or on a non-critical item', () => {
    const at = (overrides: Record<string, ItemRating>) =>
      evaluateRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings: { ...allZero(), ...overrides } }));
    expect(at({ actor_weapons: rated('2', '0', 'e') })).toMatchObject({
      criticalNowItemIds: ['actor_weapons'],
      suggestedJudgement: 'acute',
    });
    expect(at({ actor_weapons: rated('0', '2', 'e') }).suggestedJudgement).toBeNull();
    expect(at({ substance_use: rated('2', '2', 'e') }).suggestedJudgement).toBeNull();
  });

  it('suggests acute for a scenario that is both likely and lethal', () => {
    const scenario = {
      description: 'Skjutning vid bostaden',
      likelihood: 'high',
      severity: 'lethal',
      protectiveActions: [],
    } as const;
    expect(evaluateRiskAnalysis(RISK_ANALYSIS_V1, analysis({ scenarios: [scenario] }))).toMatchObject({
      likelyLethalScenarios: [0],
      suggestedJudgement: 'acute',
    });
    const moderate = { ...scenario, likelihood: 'moderate' } as const;
    expect(evaluateRiskAnalysis(RISK_ANALYSIS_V1, analysis({ scenarios: [moderate] })).suggestedJudgement).toBeNull();
  });

  it('keeps "not enough information" apart from absent, and flags critical unknowns', () => {
    const evaluation = evaluateRiskAnalysis(
      RISK_ANALYSIS_V1,
      analysis({ ratings: { ...allZero(), actor_can_locate: rated('unknown'), isolation: rated('0', 'unknown') } }),
    );
    expect(evaluation.unknownItemIds).toEqual(['actor_can_locate', 'isolation']);
    expect(evaluation.criticalUnknownItemIds).toEqual(['actor_can_locate']);
    expect(evaluation.criticalNowItemIds).toEqual([]);
  });
});

describe('checkRiskAnalysis', () => {
  it('accepts all items rated 0 with a low judgement', () => {
    expect(checkRiskAnalysis(RISK_ANALYSIS_V1, analysis())).toEqual([]);
  });

  it('accepts "unknown" as a rating, without evidence', () => {
    expect(
      checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings: { ...allZero(), isolation: rated('unknown') } })),
    ).toEqual([]);
  });

  it('requires every item rated and rejects items not in the instrument', () => {
    const { isolation: _omitted, ...rest } = allZero();
    expect(checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings: { ...rest, extra: rated('0') } }))).toEqual([
      { path: 'ratings.extra', code: 'unknown_item' },
      { path: 'ratings.isolation', code: 'rating_missing' },
    ]);
  });

  it('requires evidence for a rating of 1 or 2, now or in the past', () => {
    const ratings = { ...allZero(), isolation: rated('0', '1'), mental_health: rated('1', '0', 'Journal 2026-02') };
    expect(checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings }))).toEqual([
      { path: 'ratings.isolation.evidence', code: 'evidence_required' },
    ]);
  });

  it('requires a written justification to judge below acute when a critical item is 2 now', () => {
    const ratings = { ...allZero(), threat_stated: rated('2', '1', 'Sms 2026-03-09') };
    expect(checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings, judgement: 'high' }))).toEqual([
      { path: 'judgementJustification', code: 'judgement_justification_required' },
    ]);
    expect(
      checkRiskAnalysis(
        RISK_ANALYSIS_V1,
        analysis({ ratings, judgement: 'high', judgementJustification: 'Hotaren sitter häktad sedan i går.' }),
      ),
    ).toEqual([]);
    expect(checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings, judgement: 'acute' }))).toEqual([]);
  });

  it("treats an instrument's own acute answer as a hard floor, justification or not", () => {
    const withAcute = JSON.parse(JSON.stringify(RISK_ANALYSIS_V1)) as typeof RISK_ANALYSIS_V1;
    (withAcute.parts[0]!.items[0] as { acuteAnswers?: string[] }).acuteAnswers = ['2'];
    const ratings = { ...allZero(), threat_stated: rated('2', '2', 'e') };
    expect(
      checkRiskAnalysis(withAcute, analysis({ ratings, judgement: 'high', judgementJustification: 'Skäl' })),
    ).toEqual([{ path: 'judgement', code: 'judgement_below_acute_answer' }]);
  });

  it('rejects an analysis made with a checklist', () => {
    expect(checkRiskAnalysis(HOTLINE_THREAT_CHECKLIST_V1, analysis())).toEqual([
      { path: 'instrumentId', code: 'not_a_risk_instrument' },
    ]);
  });

  it('never accepts a judgement below acute without justification when a critical item is 2 now (property)', () => {
    const critical = instrumentItems(RISK_ANALYSIS_V1)
      .filter((i) => i.critical === true)
      .map((i) => i.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...critical),
        fc.dictionary(fc.constantFrom(...ITEM_IDS), fc.constantFrom(...RISK_RATINGS)),
        fc.constantFrom('low', 'moderate', 'high') as fc.Arbitrary<'low' | 'moderate' | 'high'>,
        (criticalId, nowRatings, judgement) => {
          const ratings = allZero();
          for (const [id, r] of Object.entries(nowRatings)) ratings[id] = rated(r, '0', 'e');
          ratings[criticalId] = rated('2', '0', 'e');
          const codes = checkRiskAnalysis(RISK_ANALYSIS_V1, analysis({ ratings, judgement })).map((i) => i.code);
          expect(codes).toContain('judgement_justification_required');
        },
      ),
    );
  });
});

describe('diffAnalyses and draftFromPrevious', () => {
  const scenario = {
    description: 'Skjutning vid bostaden',
    likelihood: 'moderate',
    severity: 'lethal',
    protectiveActions: ['Skyddat boende'],
  } as const;
  const previous = analysis({
    ratings: { ...allZero(), threat_stated: rated('1', '0', 'Rykte') },
    scenarios: [scenario, { ...scenario, description: 'Misshandel på stan', severity: 'serious' }],
    judgement: 'high',
  });

  it('shows what changed: ratings, evidence, judgement, scenarios and review date', () => {
    const next = analysis({
      ratings: { ...allZero(), threat_stated: rated('2', '0', 'Sms med hot 2026-03-09') },
      scenarios: [
        { ...scenario, description: '  skjutning vid  bostaden ', likelihood: 'high' },
        { ...scenario, description: 'Kidnappning av bror', severity: 'serious' },
      ],
      judgement: 'acute',
      nextReviewOn: '2026-03-17',
    });
    const diff = diffAnalyses(previous, next);
    expect(diff.ratings).toEqual([{ itemId: 'threat_stated', when: 'now', from: '1', to: '2' }]);
    expect(diff.evidenceChangedItemIds).toEqual(['threat_stated']);
    expect(diff.judgement).toEqual({ from: 'high', to: 'acute' });
    expect(diff.scenarios.changed.map((c) => `${c.from.likelihood}→${c.to.likelihood}`)).toEqual(['moderate→high']);
    expect(diff.scenarios.added.map((s) => s.description)).toEqual(['Kidnappning av bror']);
    expect(diff.scenarios.removed.map((s) => s.description)).toEqual(['Misshandel på stan']);
    expect(diff.nextReviewOn).toEqual({ from: '2026-04-10', to: '2026-03-17' });
  });

  it('shows nothing for an analysis compared with itself (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...ITEM_IDS), fc.constantFrom(...RISK_RATINGS)), (ratings) => {
        const a = analysis({ ratings: Object.fromEntries(Object.entries(ratings).map(([k, r]) => [k, rated(r)])) });
        expect(diffAnalyses(a, a)).toEqual({
          ratings: [],
          evidenceChangedItemIds: [],
          judgement: null,
          scenarios: { added: [], removed: [], changed: [] },
          nextReviewOn: null,
        });
      }),
    );
  });

  it('lists an item rated only in one analysis as a change from or to nothing', () => {
    const { isolation: _omitted, ...rest } = allZero();
    expect(diffAnalyses(analysis({ ratings: rest }), analysis()).ratings).toEqual([
      { itemId: 'isolation', when: 'now', from: null, to: '0' },
      { itemId: 'isolation', when: 'past', from: null, to: '0' },
    ]);
  });

  it('starts a new analysis from the previous ratings, scenarios and plan, without its judgement or review date', () => {
    const withPlan = { ...previous, ratings: { ...previous.ratings, retired_item: rated('2') } };
    const draft = draftFromPrevious(RISK_ANALYSIS_V1, withPlan);
    expect(draft.ratings).toEqual(previous.ratings);
    expect(draft.scenarios).toEqual(previous.scenarios);
    expect(draft).not.toHaveProperty('judgement');
    expect(draft).not.toHaveProperty('nextReviewOn');
    expect(draft.scenarios[0]).not.toBe(previous.scenarios[0]);
  });
});

describe('reviewDue', () => {
  const analysedAt = new Date('2026-03-10T12:00:00Z');
  const done = { analysedAt, nextReviewOn: '2026-04-10' };

  it('is not due before the review date with nothing new', () => {
    expect(reviewDue(done, [], NOW)).toEqual({ due: false, reasons: [] });
  });

  it('is due on and after the review date, in Stockholm time', () => {
    expect(reviewDue(done, [], new Date('2026-04-09T21:59:00Z')).due).toBe(false);
    expect(reviewDue(done, [], new Date('2026-04-09T22:00:00Z'))).toEqual({
      due: true,
      reasons: ['review_date_reached'],
    });
  });

  it('is due after a threat incident, a move or a relapse after the analysis', () => {
    const after = new Date('2026-03-11T08:00:00Z');
    const incidents = [
      { kind: 'relapse', occurredAt: after },
      { kind: 'threat_incident', occurredAt: after },
      { kind: 'move', occurredAt: new Date('2026-03-09T08:00:00Z') },
      { kind: 'note', occurredAt: after },
    ];
    expect(reviewDue(done, incidents, new Date('2026-03-12T00:00:00Z'))).toEqual({
      due: true,
      reasons: ['threat_incident', 'relapse'],
    });
  });

  it('is due after an earlier incident that only became known after the analysis', () => {
    const incident = {
      kind: 'threat_incident',
      occurredAt: new Date('2026-03-09T08:00:00Z'),
      recordedAt: new Date('2026-03-11T08:00:00Z'),
    };
    expect(reviewDue(done, [incident], new Date('2026-03-12T00:00:00Z')).reasons).toEqual(['threat_incident']);
  });

  it('is due for a case without any analysis', () => {
    expect(reviewDue(null, [], NOW)).toEqual({ due: true, reasons: ['no_analysis'] });
  });

  it('lists due reviews for the home screen, missing analyses first, then the oldest date', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    expect(
      dueReviews(
        [
          { caseId: 'b', analysis: { analysedAt, nextReviewOn: '2026-04-20' }, incidents: [] },
          { caseId: 'a', analysis: { analysedAt, nextReviewOn: '2026-06-01' }, incidents: [] },
          { caseId: 'c', analysis: { analysedAt, nextReviewOn: '2026-04-01' }, incidents: [] },
          { caseId: 'd', analysis: null, incidents: [] },
        ],
        now,
      ).map((r) => `${r.caseId}:${r.reasons.join('+')}`),
    ).toEqual(['d:no_analysis', 'c:review_date_reached', 'b:review_date_reached']);
  });
});

import { randomUUID } from 'node:crypto';
import {
  authorize,
  checkRiskAnalysis,
  diffAnalyses,
  dueReviews,
  evaluateRiskAnalysis,
  reviewDue,
  RISK_RATINGS,
  mayEverPerform,
  type RiskAnalysis,
  type RiskAnalysisBody,
  type IncidentBody,
  programmeOf,
  idSchema,
  type PageQuery,
} from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import { decryptChecklists } from '../cases/case-sections.ts';
import { checklistsOfCase } from '../cases/cases.port.ts';
import { readableCases } from '../cases/case-access.ts';
import { requireCase } from '../cases/case-access.ts';
import type { CaseCrypto } from '../cases/case-crypto.ts';
import { resolveInstrument } from '../instruments/instruments.service.ts';
import { validationFaults, validationFault } from '../../http/validation-messages.ts';
import {
  findRiskAnalysis,
  incidentsOfCase,
  incidentsOfCases,
  insertIncident,
  insertRiskAnalysis,
  latestAnalysesOfCases,
  openCasesOnTeam,
  type ReviewListKey,
  riskAnalysesOf,
} from './risk.repository.ts';

/** The encrypted part of an analysis: everything but the judgement level and the review date. */
const contentSchema = z.object({
  ratings: z.record(
    z.string(),
    z.object({ now: z.enum(RISK_RATINGS), past: z.enum(RISK_RATINGS), evidence: z.string() }),
  ),
  scenarios: z.array(
    z.object({
      description: z.string(),
      likelihood: z.string(),
      severity: z.string(),
      protectiveActions: z.array(z.string()),
    }),
  ),
  judgementJustification: z.string().nullable(),
  managementPlan: z.object({
    protectiveActions: z.array(
      z.object({ action: z.string(), responsibleOrganisation: z.string().nullable(), due: z.string().nullable() }),
    ),
  }),
});
type Content = z.infer<typeof contentSchema>;

type AnalysisRow = Awaited<ReturnType<typeof riskAnalysesOf>>[number];

function decryptAnalysis(crypto: CaseCrypto, row: AnalysisRow) {
  const content = contentSchema.parse(
    JSON.parse(crypto.decrypt('risk_analyses', 'content_enc', row.id, row.contentEnc)),
  );
  // The domain's functions take the stored shape as a RiskAnalysis; ratings were checked on save.
  const analysis = {
    instrumentId: row.instrumentKey,
    instrumentVersion: row.instrumentVersion,
    ratings: content.ratings,
    scenarios: content.scenarios,
    judgement: row.judgement,
    judgementJustification: content.judgementJustification ?? undefined,
    managementPlan: content.managementPlan,
    nextReviewOn: row.nextReviewOn,
  } as unknown as RiskAnalysis;
  return { row, content, analysis };
}

/**
 * Saves a structured risk analysis, checked against its instrument (every item rated now and in
 * the past, 'unknown' allowed and never counted as absent; evidence; the judgement rule). The
 * content is ciphertext under the case's key; only the judgement level and the review date are
 * stored in clear, for the review list.
 */
export async function createRiskAnalysis(ctx: ServiceContext, caseId: string, body: RiskAnalysisBody) {
  const { crypto } = await requireCase(ctx, caseId, 'risk:write');
  const instrument = await resolveInstrument(ctx.tx, ctx.actor.programmeId, body.instrumentId, body.instrumentVersion);
  if (!instrument) throw validationFault('instrumentId', 'unknown_instrument');
  const issues = checkRiskAnalysis(instrument, body);
  if (issues.length > 0) throw validationFaults(issues);
  if (body.previousAnalysisId) {
    const previous = await findRiskAnalysis(ctx.tx, ctx.actor.programmeId, caseId, body.previousAnalysisId);
    if (!previous) throw validationFault('previousAnalysisId', 'unknown_previous_analysis');
  }
  const id = randomUUID();
  const content: Content = {
    ratings: body.ratings,
    scenarios: body.scenarios,
    judgementJustification: body.judgementJustification ?? null,
    managementPlan: {
      protectiveActions: body.managementPlan.protectiveActions.map((a) => ({
        action: a.action,
        responsibleOrganisation: a.responsibleOrganisation ?? null,
        due: a.due ?? null,
      })),
    },
  };
  await insertRiskAnalysis(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    instrumentKey: instrument.id,
    instrumentVersion: instrument.version,
    contentEnc: crypto.encrypt('risk_analyses', 'content_enc', id, JSON.stringify(content)),
    judgement: body.judgement,
    nextReviewOn: body.nextReviewOn,
    previousId: body.previousAnalysisId ?? null,
    createdBy: ctx.actor.userId,
  });
  await ctx.audit({ action: 'risk:write', recordType: 'case', recordId: caseId, details: { analysisId: id } });
  return { id, evaluation: evaluateRiskAnalysis(instrument, body) };
}

/**
 * The risk section of a case: its analyses newest first, each with what changed from the one it
 * started from (or the one before), the hotline checklists beside them, the incidents, and
 * whether a new analysis is due. The read is logged once, without content.
 */
export async function getRiskSection(ctx: ServiceContext, caseId: string, now = new Date()) {
  const { crypto } = await requireCase(ctx, caseId, 'risk:read');
  const rows = await riskAnalysesOf(ctx.tx, ctx.actor.programmeId, caseId);
  const decrypted = rows.map((row) => decryptAnalysis(crypto, row));
  const byId = new Map(decrypted.map((d) => [d.row.id, d]));
  const analyses = [];
  for (const [index, d] of decrypted.entries()) {
    const compared = (d.row.previousId ? byId.get(d.row.previousId) : undefined) ?? decrypted[index + 1];
    const instrument = await resolveInstrument(
      ctx.tx,
      ctx.actor.programmeId,
      d.row.instrumentKey,
      d.row.instrumentVersion,
    );
    analyses.push({
      id: d.row.id,
      instrumentId: d.row.instrumentKey,
      instrumentVersion: d.row.instrumentVersion,
      instrumentName: instrument?.name ?? null,
      ratings: d.content.ratings,
      scenarios: d.content.scenarios,
      judgement: d.row.judgement,
      judgementJustification: d.content.judgementJustification,
      managementPlan: d.content.managementPlan,
      nextReviewOn: d.row.nextReviewOn,
      previousAnalysisId: d.row.previousId,
      createdAt: d.row.createdAt.toISOString(),
      createdBy: d.row.createdBy,
      evaluation: instrument ? evaluateRiskAnalysis(instrument, d.analysis) : null,
      changes: compared ? { comparedWith: compared.row.id, ...diffAnalyses(compared.analysis, d.analysis) } : null,
    });
  }
  const checklists = decryptChecklists(ctx, await checklistsOfCase(ctx, caseId));
  const incidentRows = await incidentsOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  const incidents = incidentRows.map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurredAt.toISOString(),
    note: crypto.decryptOptional('case_incidents', 'note_enc', r.id, r.noteEnc),
    createdAt: r.createdAt.toISOString(),
  }));
  const latest = rows[0];
  const status = reviewDue(
    latest ? { analysedAt: latest.createdAt, nextReviewOn: latest.nextReviewOn } : null,
    incidentRows.map((r) => ({ kind: r.kind, occurredAt: r.occurredAt, recordedAt: r.createdAt })),
    now,
  );
  await ctx.audit({
    action: 'risk:read',
    recordType: 'case',
    recordId: caseId,
    details: { analyses: analyses.length, checklists: checklists.length, incidents: incidents.length },
  });
  return { analyses, checklists, incidents, reviewDue: status };
}

/** Records a threat incident, move or relapse; it makes a new analysis due. */
export async function recordIncident(ctx: ServiceContext, caseId: string, body: IncidentBody, now = new Date()) {
  const { crypto } = await requireCase(ctx, caseId, 'risk:write');
  const id = randomUUID();
  const note = crypto.encryptOptional('case_incidents', 'note_enc', id, body.note);
  const row = await insertIncident(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    kind: body.kind,
    occurredAt: new Date(body.occurredAt),
    noteEnc: note,
    recordedBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'risk:write',
    recordType: 'case',
    recordId: caseId,
    details: { incidentId: id, kind: body.kind },
  });
  const [latest] = await riskAnalysesOf(ctx.tx, ctx.actor.programmeId, caseId);
  const incidents = await incidentsOfCases(ctx.tx, ctx.actor.programmeId, [caseId]);
  return {
    incident: {
      id,
      kind: row.kind,
      occurredAt: row.occurredAt.toISOString(),
      note: body.note ?? null,
      createdAt: row.createdAt.toISOString(),
    },
    reviewDue: reviewDue(
      latest ? { analysedAt: latest.createdAt, nextReviewOn: latest.nextReviewOn } : null,
      incidents.map((i) => ({ kind: i.kind, occurredAt: i.occurredAt, recordedAt: i.createdAt })),
      now,
    ),
  };
}

/**
 * Open cases on the actor's team whose risk analysis is due (none yet, review date reached, or an
 * incident since), for the coordinator's home. Codes and dates only, never identities or content.
 */
export async function listReviewsDue(ctx: ServiceContext, query: PageQuery, now = new Date()) {
  authorize(ctx.actor, 'case:list', programmeOf(ctx.actor));
  // SECURITY: a role that can never read a risk analysis is refused outright, not shown an empty list.
  if (!mayEverPerform(ctx.actor, 'risk:read')) {
    throw refusal(ctx, 'forbidden', { action: 'risk:read', details: { view: 'reviews_due' } });
  }
  const page = await keysetPage(
    ctx,
    {
      list: 'home-reviews-due',
      key: reviewListKey,
      fetch: (after, limit) => openCasesOnTeam(ctx.tx, ctx.actor.programmeId, ctx.actor.userId, { after, limit }),
      keyOf: (row): ReviewListKey => [row.code, row.id],
      // Set-based per batch: one access judgement, one query each for analyses and incidents.
      keep: async (rows) => {
        const readable = (await readableCases(ctx, rows, 'risk:read')).map((r) => r.row);
        const ids = readable.map((c) => c.id);
        const latest = await latestAnalysesOfCases(ctx.tx, ctx.actor.programmeId, ids);
        const incidents = Map.groupBy(await incidentsOfCases(ctx.tx, ctx.actor.programmeId, ids), (i) => i.caseId);
        const due = new Map(
          dueReviews(
            ids.map((caseId) => {
              const analysis = latest.get(caseId);
              return {
                caseId,
                analysis: analysis ? { analysedAt: analysis.createdAt, nextReviewOn: analysis.nextReviewOn } : null,
                incidents: (incidents.get(caseId) ?? []).map((i) => ({
                  kind: i.kind,
                  occurredAt: i.occurredAt,
                  recordedAt: i.createdAt,
                })),
              };
            }),
            now,
          ).map((d) => [d.caseId, d]),
        );
        return readable.flatMap((row) => {
          const d = due.get(row.id);
          return d ? [{ row, due: d }] : [];
        });
      },
    },
    query,
  );
  await ctx.audit({ action: 'case:list', details: { view: 'reviews_due', results: page.items.length } });
  return {
    reviews: page.items.map(({ row, due }) => ({
      caseId: row.id,
      caseCode: row.code,
      nextReviewOn: due.nextReviewOn,
      reasons: due.reasons,
    })),
    next: page.next,
  };
}

/** The key of a reviews-due cursor: (code, id). */
const reviewListKey = z.tuple([z.string().max(64), idSchema]);

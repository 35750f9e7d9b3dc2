import {
  createRiskAnalysisResponse,
  incidentBody,
  pageQuery,
  recordIncidentResponse,
  reviewsDueResponse,
  riskAnalysisBody,
  riskSectionView,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import { createRiskAnalysis, getRiskSection, listReviewsDue, recordIncident } from './risk.service.ts';

/** Structured risk analyses of a case, the incidents that make a new one due, and the due list. */
export async function riskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases/:id/risk-analyses',
    { schema: { params: idParams, response: { 200: riskSectionView } } },
    async (request) => withActor(request, (ctx) => getRiskSection(ctx, request.params.id)),
  );

  // Both bodies are checked against the server's clock at each parse: the next review must lie
  // after today, and an incident cannot have happened in the future.
  app.post(
    '/cases/:id/risk-analyses',
    { schema: { params: idParams, body: riskAnalysisBody, response: { 200: createRiskAnalysisResponse } } },
    async (request) => ({
      analysis: await withActor(request, (ctx) => createRiskAnalysis(ctx, request.params.id, request.body)),
    }),
  );

  app.post(
    '/cases/:id/incidents',
    { schema: { params: idParams, body: incidentBody, response: { 200: recordIncidentResponse } } },
    async (request) => withActor(request, (ctx) => recordIncident(ctx, request.params.id, request.body)),
  );

  app.get(
    '/home/reviews-due',
    { schema: { querystring: pageQuery, response: { 200: reviewsDueResponse } } },
    async (request) => withActor(request, (ctx) => listReviewsDue(ctx, request.query)),
  );
}

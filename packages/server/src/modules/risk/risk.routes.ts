import { makeRiskAnalysisBody, idSchema, pageQuery, reviewsDueResponse } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { evaluationView, incidentView, makeIncidentBody, reviewStatus, riskSectionView } from './risk.schemas.ts';
import { createRiskAnalysis, getRiskSection, listReviewsDue, recordIncident } from './risk.service.ts';

/** Structured risk analyses of a case, the incidents that make a new one due, and the due list. */
export async function riskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases/:id/risk-analyses',
    { schema: { params: idParams, response: { 200: riskSectionView } } },
    async (request) => withActor(request, (ctx) => getRiskSection(ctx, request.params.id)),
  );

  app.post(
    '/cases/:id/risk-analyses',
    {
      // The body is checked per request: the next review must lie after today, by the server's clock.
      schema: {
        params: idParams,
        body: z.unknown(),
        response: { 200: z.object({ analysis: z.object({ id: idSchema, evaluation: evaluationView }) }) },
      },
    },
    async (request) => {
      const body = parseOrThrow(makeRiskAnalysisBody(new Date()), request.body);
      return {
        analysis: await withActor(request, (ctx) => createRiskAnalysis(ctx, request.params.id, body)),
      };
    },
  );

  app.post(
    '/cases/:id/incidents',
    {
      schema: {
        params: idParams,
        body: z.unknown(),
        response: { 200: z.object({ incident: incidentView, reviewDue: reviewStatus }) },
      },
    },
    async (request) => {
      const body = parseOrThrow(makeIncidentBody(new Date()), request.body);
      return withActor(request, (ctx) => recordIncident(ctx, request.params.id, body));
    },
  );

  app.get(
    '/home/reviews-due',
    { schema: { querystring: pageQuery, response: { 200: reviewsDueResponse } } },
    async (request) => withActor(request, (ctx) => listReviewsDue(ctx, request.query)),
  );
}

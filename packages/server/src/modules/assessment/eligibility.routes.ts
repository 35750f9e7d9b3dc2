import {
  eligibilityCriteriaResponse,
  eligibilityDecisionBody,
  eligibilityDecisionResponse,
  eligibilityDecisionsResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { decideEligibility, getEligibilityCriteria, listEligibilityDecisions } from './eligibility.service.ts';

/** The eligibility criteria and the decision that moves a case on. */
export async function eligibilityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/eligibility/criteria', { schema: { response: { 200: eligibilityCriteriaResponse } } }, async (request) =>
    withActor(request, getEligibilityCriteria),
  );

  app.post(
    '/cases/:id/eligibility',
    { schema: { params: idParams, body: eligibilityDecisionBody, response: { 200: eligibilityDecisionResponse } } },
    async (request) => withActor(request, (ctx) => decideEligibility(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/eligibility',
    { schema: { params: idParams, response: { 200: eligibilityDecisionsResponse } } },
    async (request) => ({
      decisions: await withActor(request, (ctx) => listEligibilityDecisions(ctx, request.params.id)),
    }),
  );
}

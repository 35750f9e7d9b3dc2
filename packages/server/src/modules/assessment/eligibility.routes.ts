import {
  CASE_EVENTS,
  CASE_STATES,
  ELIGIBILITY_CRITERION_KINDS,
  ELIGIBILITY_OUTCOMES,
  eligibilityDecisionBody,
  idSchema,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { decideEligibility, getEligibilityCriteria, listEligibilityDecisions } from './eligibility.service.ts';

const bilingual = z.object({ sv: z.string(), en: z.string() });
const criteria = z.object({
  criteria: z.array(
    z.object({
      id: z.string(),
      label: bilingual,
      kind: z.enum(ELIGIBILITY_CRITERION_KINDS),
      minAge: z.number().int().optional(),
    }),
  ),
});
const decision = z.object({
  id: idSchema,
  outcome: z.enum(ELIGIBILITY_OUTCOMES),
  answers: z.record(z.string(), z.object({ met: z.boolean(), grounds: z.string() })),
  reasoning: z.string(),
  referredTo: z.object({ kind: z.string(), organisationName: z.string(), note: z.string().optional() }).nullable(),
  decidedBy: idSchema,
  decidedAt: z.string(),
});

/** The eligibility criteria and the decision that moves a case on. */
export async function eligibilityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/eligibility/criteria', { schema: { response: { 200: criteria } } }, async (request) =>
    withActor(request, getEligibilityCriteria),
  );

  app.post(
    '/cases/:id/eligibility',
    {
      schema: {
        params: idParams,
        body: z.unknown(),
        response: {
          200: z.object({
            id: idSchema,
            outcome: z.enum(ELIGIBILITY_OUTCOMES),
            state: z.enum(CASE_STATES),
            events: z.array(z.enum(CASE_EVENTS)),
          }),
        },
      },
    },
    async (request) => {
      const body = parseOrThrow(eligibilityDecisionBody, request.body);
      return withActor(request, (ctx) => decideEligibility(ctx, request.params.id, body));
    },
  );

  app.get(
    '/cases/:id/eligibility',
    { schema: { params: idParams, response: { 200: z.object({ decisions: z.array(decision) }) } } },
    async (request) => ({
      decisions: await withActor(request, (ctx) => listEligibilityDecisions(ctx, request.params.id)),
    }),
  );
}

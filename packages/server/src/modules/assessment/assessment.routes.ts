import type { FastifyInstance } from 'fastify';
import { conditionsRoutes } from './conditions.routes.ts';
import { consentRoutes } from './consents.routes.ts';
import { eligibilityRoutes } from './eligibility.routes.ts';
import { firstMeetingRoutes } from './first-meeting.routes.ts';

/** First meeting and assessment: meeting records, attachments, consent, conditions, eligibility. */
export async function assessmentRoutes(fastify: FastifyInstance) {
  await fastify.register(firstMeetingRoutes);
  await fastify.register(consentRoutes);
  await fastify.register(conditionsRoutes);
  await fastify.register(eligibilityRoutes);
}

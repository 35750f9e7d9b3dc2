import { linkDeliveryResponse, okResponse, pageQuery, pendingMembersResponse, userStepBody } from '@utvag/domain';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor, type AppDeps } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import type { StaffMail } from '../notifications/mailer.ts';
import { confirmMember, listPendingMembers, rejectMember } from './member-confirmation.service.ts';

/** Sends an enrolment link after commit; a failure is logged without the address or the link. */
export async function sendEnrolmentMail(deps: AppDeps, mail: StaffMail, log: FastifyBaseLogger): Promise<void> {
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    log.error({ err: (error as Error).name }, 'enrolment mail failed');
  }
}

/** A coordinator's second look at case-reading roles an administrator granted (decision 010). */
export async function memberConfirmationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/members/pending',
    { schema: { querystring: pageQuery, response: { 200: pendingMembersResponse } } },
    async (request) => withActor(request, (ctx) => listPendingMembers(ctx, request.query)),
  );
  app.post(
    '/members/pending/:id/confirm',
    { schema: { params: idParams, body: userStepBody, response: { 200: linkDeliveryResponse } } },
    async (request) => {
      const result = await withActor(request, (ctx) => confirmMember(ctx, request.params.id));
      if (result.delivery !== 'email') return result;
      void sendEnrolmentMail(app.deps, result.mail, request.log);
      return { delivery: result.delivery };
    },
  );
  app.post(
    '/members/pending/:id/reject',
    { schema: { params: idParams, body: userStepBody, response: { 200: okResponse } } },
    async (request) => {
      await withActor(request, (ctx) => rejectMember(ctx, request.params.id));
      return { ok: true as const };
    },
  );
}

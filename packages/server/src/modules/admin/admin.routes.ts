import {
  adminProgrammeView,
  adminUserListResponse,
  adminUserResponse,
  createOrganisationBody,
  createProgrammeBody,
  inviteUserBody,
  inviteUserResponse,
  linkDeliveryResponse,
  organisationView,
  organisationsResponse,
  pageQuery,
  programmesResponse,
  updateProgrammeBody,
  updateRolesBody,
  userStepBody,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import * as admin from './admin.service.ts';
import { sendEnrolmentMail } from './member-confirmation.routes.ts';

/** The administrator's screens: users, organisations, programmes. No case data is reachable here. */
export async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/users', { schema: { querystring: pageQuery, response: { 200: adminUserListResponse } } }, async (request) =>
    withActor(request, (ctx) => admin.listUsers(ctx, request.query)),
  );
  app.post(
    '/users',
    {
      schema: {
        body: inviteUserBody,
        // SECURITY: no link when a case-reading role awaits confirmation (decision 010).
        response: { 200: inviteUserResponse },
      },
    },
    async (request) => withActor(request, (ctx) => admin.inviteUser(ctx, request.body)),
  );
  app.put(
    '/users/:id/roles',
    { schema: { params: idParams, body: updateRolesBody, response: { 200: adminUserResponse } } },
    async (request) => ({
      user: await withActor(request, (ctx) => admin.updateRoles(ctx, request.params.id, request.body.roles)),
    }),
  );
  app.post(
    '/users/:id/deactivate',
    { schema: { params: idParams, body: userStepBody, response: { 200: adminUserResponse } } },
    async (request) => ({
      user: await withActor(request, (ctx) => admin.deactivateUser(ctx, request.params.id)),
    }),
  );
  app.post(
    '/users/:id/reset-second-factor',
    { schema: { params: idParams, body: userStepBody, response: { 200: linkDeliveryResponse } } },
    async (request) => {
      const result = await withActor(request, (ctx) => admin.resetSecondFactor(ctx, request.params.id));
      if (result.delivery !== 'email') return result;
      void sendEnrolmentMail(app.deps, result.mail, request.log);
      return { delivery: result.delivery };
    },
  );

  app.get('/organisations', { schema: { response: { 200: organisationsResponse } } }, async (request) => ({
    organisations: await withActor(request, admin.listOrganisations),
  }));
  app.post(
    '/organisations',
    { schema: { body: createOrganisationBody, response: { 200: organisationView } } },
    async (request) => withActor(request, (ctx) => admin.createOrganisation(ctx, request.body)),
  );

  app.get('/programmes', { schema: { response: { 200: programmesResponse } } }, async (request) => ({
    programmes: await withActor(request, admin.listProgrammes),
  }));
  app.post(
    '/programmes',
    { schema: { body: createProgrammeBody, response: { 200: adminProgrammeView } } },
    async (request) => withActor(request, (ctx) => admin.createProgramme(ctx, request.body)),
  );
  app.patch(
    '/programmes/:id',
    {
      schema: {
        params: idParams,
        body: updateProgrammeBody,
        response: { 200: adminProgrammeView },
      },
    },
    async (request) => withActor(request, (ctx) => admin.updateProgramme(ctx, request.params.id, request.body)),
  );
}

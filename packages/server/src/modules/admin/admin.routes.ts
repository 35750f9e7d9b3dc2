import {
  createOrganisationBody,
  createProgrammeBody,
  inviteUserBody,
  updateRolesBody,
  idSchema,
  adminUserListResponse,
  adminUserView,
  pageQuery,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import * as admin from './admin.service.ts';
import { sendEnrolmentMail } from './member-confirmation.routes.ts';

const userSchema = adminUserView;
const link = z.object({ enrolmentUrl: z.string(), expiresAt: z.string() });
/** How a re-issued link reached its user: shown here, or e-mailed to them (decision 010). */
const resetLink = z.object({
  delivery: z.enum(['shown', 'email']),
  enrolmentUrl: z.string().optional(),
  expiresAt: z.string().optional(),
});
const organisationSchema = z.object({ id: idSchema, name: z.string(), kind: z.string() });
const programmeSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  requirePhishingResistant: z.boolean(),
});
const idParams = z.object({ id: idSchema });

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
        response: { 200: link.partial().extend({ user: userSchema, awaitingConfirmation: z.boolean() }) },
      },
    },
    async (request) => withActor(request, (ctx) => admin.inviteUser(ctx, request.body)),
  );
  app.put(
    '/users/:id/roles',
    { schema: { params: idParams, body: updateRolesBody, response: { 200: z.object({ user: userSchema }) } } },
    async (request) => ({
      user: await withActor(request, (ctx) => admin.updateRoles(ctx, request.params.id, request.body.roles)),
    }),
  );
  app.post(
    '/users/:id/deactivate',
    { schema: { params: idParams, response: { 200: z.object({ user: userSchema }) } } },
    async (request) => ({
      user: await withActor(request, (ctx) => admin.deactivateUser(ctx, request.params.id)),
    }),
  );
  app.post(
    '/users/:id/reset-second-factor',
    { schema: { params: idParams, response: { 200: resetLink } } },
    async (request) => {
      const result = await withActor(request, (ctx) => admin.resetSecondFactor(ctx, request.params.id));
      if (result.delivery !== 'email') return result;
      void sendEnrolmentMail(app.deps, result.mail, request.log);
      return { delivery: result.delivery };
    },
  );

  app.get(
    '/organisations',
    { schema: { response: { 200: z.object({ organisations: z.array(organisationSchema) }) } } },
    async (request) => ({
      organisations: await withActor(request, admin.listOrganisations),
    }),
  );
  app.post(
    '/organisations',
    { schema: { body: createOrganisationBody, response: { 200: organisationSchema } } },
    async (request) => withActor(request, (ctx) => admin.createOrganisation(ctx, request.body)),
  );

  app.get(
    '/programmes',
    { schema: { response: { 200: z.object({ programmes: z.array(programmeSchema) }) } } },
    async (request) => ({
      programmes: await withActor(request, admin.listProgrammes),
    }),
  );
  app.post(
    '/programmes',
    { schema: { body: createProgrammeBody, response: { 200: programmeSchema } } },
    async (request) => withActor(request, (ctx) => admin.createProgramme(ctx, request.body)),
  );
  app.patch(
    '/programmes/:id',
    {
      schema: {
        params: idParams,
        body: z.object({ requirePhishingResistant: z.boolean() }),
        response: { 200: programmeSchema },
      },
    },
    async (request) => withActor(request, (ctx) => admin.updateProgramme(ctx, request.params.id, request.body)),
  );
}

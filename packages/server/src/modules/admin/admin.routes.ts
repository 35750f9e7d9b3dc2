import {
  createOrganisationBody,
  createProgrammeBody,
  inviteUserBody,
  roleSchema,
  updateRolesBody,
  idSchema,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import * as admin from './admin.service.ts';

const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organisation: z.object({ id: idSchema, name: z.string(), kind: z.string() }),
  roles: z.array(roleSchema),
  status: z.enum(['invited', 'active', 'deactivated']),
  secondFactors: z.array(z.enum(['passkey', 'totp'])),
});
const link = z.object({ enrolmentUrl: z.string(), expiresAt: z.string() });
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

  app.get('/users', { schema: { response: { 200: z.object({ users: z.array(userSchema) }) } } }, async (request) => ({
    users: await withActor(request, admin.listUsers),
  }));
  app.post(
    '/users',
    { schema: { body: inviteUserBody, response: { 200: link.extend({ user: userSchema }) } } },
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
    { schema: { params: idParams, response: { 200: link } } },
    async (request) => withActor(request, (ctx) => admin.resetSecondFactor(ctx, request.params.id)),
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

import { createOrganisationBody, createProgrammeBody, totpCode, username } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/database.ts';
import {
  completeSetup,
  enrolmentPasskeyOptions,
  enrolmentPasskeyVerify,
  enrolmentTotpStart,
  enrolmentTotpVerify,
  inspectEnrolment,
  needsSetup,
  setEnrolmentPassword,
} from './enrolment.service.ts';

const token = z.string().min(20).max(200);
const tokenBody = z.object({ token });
const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
const publicRoute = { auth: 'public' as const };

/** First-run setup and the enrolment of invited users: public, but every call needs a live one-time token. */
export async function enrolmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/setup/status',
    { config: publicRoute, schema: { response: { 200: z.object({ needsSetup: z.boolean(), demo: z.boolean() }) } } },
    async () => ({
      needsSetup: await withTransaction(app.deps.database.db, {}, needsSetup),
      demo: app.deps.config.demo,
    }),
  );

  app.post(
    '/setup',
    {
      config: publicRoute,
      schema: {
        body: z.object({
          token,
          programmeName: createProgrammeBody.shape.name,
          programmeCode: createProgrammeBody.shape.code,
          organisationName: createOrganisationBody.shape.name,
          organisationKind: createOrganisationBody.shape.kind,
          username,
          displayName: z.string().trim().min(1).max(120),
        }),
        response: { 200: z.object({ enrolmentToken: z.string() }) },
      },
    },
    async (request) => completeSetup(app.deps, request.body),
  );

  app.post(
    '/enrolment/inspect',
    {
      config: publicRoute,
      schema: {
        body: tokenBody,
        response: {
          200: z.object({
            username: z.string(),
            displayName: z.string(),
            purpose: z.enum(['setup', 'invite', 'reset_mfa']),
            passwordRequired: z.boolean(),
            totpAllowed: z.boolean(),
          }),
        },
      },
    },
    async (request) => inspectEnrolment(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/password',
    { config: publicRoute, schema: { body: z.object({ token, password: z.string().max(4096) }) } },
    async (request, reply) => {
      await setEnrolmentPassword(app.deps, request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );

  app.post('/enrolment/passkey/options', { config: publicRoute, schema: { body: tokenBody } }, async (request) =>
    enrolmentPasskeyOptions(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/passkey/verify',
    {
      config: publicRoute,
      schema: {
        body: z.object({ token, response: z.looseObject({ id: z.string().max(1024), type: z.literal('public-key') }) }),
        response: { 200: recoveryCodes },
      },
    },
    async (request) => enrolmentPasskeyVerify(app.deps, request.body.token, request.body.response as never),
  );

  app.post(
    '/enrolment/totp/start',
    {
      config: publicRoute,
      schema: { body: tokenBody, response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) } },
    },
    async (request) => enrolmentTotpStart(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/totp/verify',
    { config: publicRoute, schema: { body: z.object({ token, code: totpCode }), response: { 200: recoveryCodes } } },
    async (request) => enrolmentTotpVerify(app.deps, request.body.token, request.body.code),
  );
}

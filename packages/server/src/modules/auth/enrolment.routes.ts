import {
  enrolmentInfo,
  enrolmentPasskeyVerifyBody,
  enrolmentPasswordBody,
  enrolmentTokenBody,
  enrolmentTotpVerifyBody,
  noContent,
  passkeyCreationOptions,
  recoveryCodesResponse,
  setupBody,
  setupResponse,
  setupStatusResponse,
  totpStartResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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

const publicRoute = { auth: 'public' as const };

/** First-run setup and the enrolment of invited users: public, but every call needs a live one-time token. */
export async function enrolmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/setup/status', { config: publicRoute, schema: { response: { 200: setupStatusResponse } } }, async () => ({
    needsSetup: await withTransaction(app.deps.database.db, {}, needsSetup),
    demo: app.deps.config.demo,
  }));

  app.post(
    '/setup',
    {
      config: publicRoute,
      schema: {
        body: setupBody,
        response: { 200: setupResponse },
      },
    },
    async (request) => completeSetup(app.deps, request.body),
  );

  app.post(
    '/enrolment/inspect',
    {
      config: publicRoute,
      schema: {
        body: enrolmentTokenBody,
        response: { 200: enrolmentInfo },
      },
    },
    async (request) => inspectEnrolment(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/password',
    { config: publicRoute, schema: { body: enrolmentPasswordBody, response: { 204: noContent } } },
    async (request, reply) => {
      await setEnrolmentPassword(app.deps, request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );

  app.post(
    '/enrolment/passkey/options',
    { config: publicRoute, schema: { body: enrolmentTokenBody, response: { 200: passkeyCreationOptions } } },
    async (request) => enrolmentPasskeyOptions(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/passkey/verify',
    {
      config: publicRoute,
      schema: {
        body: enrolmentPasskeyVerifyBody,
        response: { 200: recoveryCodesResponse },
      },
    },
    async (request) => enrolmentPasskeyVerify(app.deps, request.body.token, request.body.response as never),
  );

  app.post(
    '/enrolment/totp/start',
    {
      config: publicRoute,
      schema: { body: enrolmentTokenBody, response: { 200: totpStartResponse } },
    },
    async (request) => enrolmentTotpStart(app.deps, request.body.token),
  );

  app.post(
    '/enrolment/totp/verify',
    { config: publicRoute, schema: { body: enrolmentTotpVerifyBody, response: { 200: recoveryCodesResponse } } },
    async (request) => enrolmentTotpVerify(app.deps, request.body.token, request.body.code),
  );
}

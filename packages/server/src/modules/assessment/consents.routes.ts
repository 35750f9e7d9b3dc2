import {
  createLegalBasisBody,
  LEGAL_PROVISIONS,
  makeCreateConsentBody,
  makeWithdrawConsentBody,
  SECTIONS,
  SIGNING_METHODS,
  idSchema,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { listOrganisationsForConsent } from '../admin/admin.service.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { listConsents, listLegalBases, recordConsent, recordLegalBasis, withdrawConsent } from './consents.service.ts';

const created = z.object({ id: idSchema });
const consent = z.object({
  id: idSchema,
  givenAt: z.string(),
  method: z.enum(SIGNING_METHODS),
  witnessName: z.string().nullable(),
  attachmentId: idSchema.nullable(),
  status: z.enum(['current', 'withdrawn', 'not_yet_in_force']),
  withdrawnAt: z.string().nullable(),
  withdrawalNote: z.string().nullable(),
  recordedBy: idSchema,
  organisations: z.array(
    z.object({ organisationId: idSchema, name: z.string(), purposes: z.string(), sections: z.array(z.enum(SECTIONS)) }),
  ),
});
const legalBasis = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  basis: z.enum(LEGAL_PROVISIONS),
  provisionText: z.string().nullable(),
  purposes: z.string().nullable(),
  sections: z.array(z.enum(SECTIONS)),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean(),
  recordedBy: idSchema,
});

/**
 * The consent register and legal bases. Bodies are checked in the handler with the domain's
 * schemas (made per request where "now" matters), so faults come back with the domain's texts.
 */
export async function consentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Which organisations a consent or legal basis can name (organisations are shared between programmes).
  app.get(
    '/organisations',
    {
      schema: {
        response: {
          200: z.object({ organisations: z.array(z.object({ id: idSchema, name: z.string(), kind: z.string() })) }),
        },
      },
    },
    async (request) => ({ organisations: await withActor(request, listOrganisationsForConsent) }),
  );

  app.post(
    '/cases/:id/consents',
    { schema: { params: idParams, body: z.unknown(), response: { 200: created } } },
    async (request) => {
      const body = parseOrThrow(makeCreateConsentBody(new Date()), request.body);
      return withActor(request, (ctx) => recordConsent(ctx, request.params.id, body));
    },
  );

  app.get(
    '/cases/:id/consents',
    { schema: { params: idParams, response: { 200: z.object({ consents: z.array(consent) }) } } },
    async (request) => ({
      consents: await withActor(request, (ctx) => listConsents(ctx, request.params.id)),
    }),
  );

  app.post(
    '/consents/:id/withdraw',
    {
      schema: {
        params: idParams,
        body: z.unknown(),
        response: { 200: z.object({ id: idSchema, withdrawnAt: z.string() }) },
      },
    },
    async (request) => {
      const now = new Date();
      const body = parseOrThrow(makeWithdrawConsentBody(now), request.body ?? {});
      return withActor(request, (ctx) => withdrawConsent(ctx, request.params.id, body, now));
    },
  );

  app.post(
    '/cases/:id/legal-bases',
    { schema: { params: idParams, body: z.unknown(), response: { 200: created } } },
    async (request) => {
      const body = parseOrThrow(createLegalBasisBody, request.body);
      return withActor(request, (ctx) => recordLegalBasis(ctx, request.params.id, body));
    },
  );

  app.get(
    '/cases/:id/legal-bases',
    { schema: { params: idParams, response: { 200: z.object({ legalBases: z.array(legalBasis) }) } } },
    async (request) => ({
      legalBases: await withActor(request, (ctx) => listLegalBases(ctx, request.params.id)),
    }),
  );
}

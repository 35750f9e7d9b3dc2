import {
  consentOrganisationsResponse,
  consentsResponse,
  createConsentBody,
  createdResponse,
  createLegalBasisBody,
  legalBasesResponse,
  withdrawConsentBody,
  withdrawConsentResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { listOrganisationsForConsent } from '../admin/admin.service.ts';
import { listConsents, listLegalBases, recordConsent, recordLegalBasis, withdrawConsent } from './consents.service.ts';

/**
 * The consent register and legal bases. Bodies are the domain's schemas (the contract), checked
 * against the server's clock at each request where "now" matters, so faults come back with the
 * domain's texts.
 */
export async function consentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Which organisations a consent or legal basis can name (organisations are shared between programmes).
  app.get('/organisations', { schema: { response: { 200: consentOrganisationsResponse } } }, async (request) => ({
    organisations: await withActor(request, listOrganisationsForConsent),
  }));

  app.post(
    '/cases/:id/consents',
    { schema: { params: idParams, body: createConsentBody, response: { 200: createdResponse } } },
    async (request) => withActor(request, (ctx) => recordConsent(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/consents',
    { schema: { params: idParams, response: { 200: consentsResponse } } },
    async (request) => ({
      consents: await withActor(request, (ctx) => listConsents(ctx, request.params.id)),
    }),
  );

  app.post(
    '/consents/:id/withdraw',
    { schema: { params: idParams, body: withdrawConsentBody, response: { 200: withdrawConsentResponse } } },
    async (request) => {
      const now = new Date();
      return withActor(request, (ctx) => withdrawConsent(ctx, request.params.id, request.body, now));
    },
  );

  app.post(
    '/cases/:id/legal-bases',
    { schema: { params: idParams, body: createLegalBasisBody, response: { 200: createdResponse } } },
    async (request) => withActor(request, (ctx) => recordLegalBasis(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/legal-bases',
    { schema: { params: idParams, response: { 200: legalBasesResponse } } },
    async (request) => ({
      legalBases: await withActor(request, (ctx) => listLegalBases(ctx, request.params.id)),
    }),
  );
}

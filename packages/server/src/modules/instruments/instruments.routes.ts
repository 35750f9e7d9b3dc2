import {
  instrumentDefinitionResponse,
  instrumentImportBody,
  instrumentImportedResponse,
  instrumentParams,
  instrumentsResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import * as instruments from './instruments.service.ts';

/** Instruments (threat checklists, later risk analyses) defined as data; administrators import new ones. */
export async function instrumentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/instruments', { schema: { response: { 200: instrumentsResponse } } }, async (request) => ({
    instruments: await withActor(request, instruments.listInstruments),
  }));
  app.get(
    '/instruments/:key/:version',
    { schema: { params: instrumentParams, response: { 200: instrumentDefinitionResponse } } },
    async (request) => ({
      definition: await withActor(request, (ctx) =>
        instruments.getInstrument(ctx, request.params.key, request.params.version),
      ),
    }),
  );
  app.post(
    '/admin/instruments',
    {
      schema: { body: instrumentImportBody, response: { 200: instrumentImportedResponse } },
      // The schema documents the body; the domain's instrument parser accepts it, because it
      // reports every fault of a definition at once, in Swedish and English, where the generic
      // validation would stop at the shape.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (request) => withActor(request, (ctx) => instruments.importInstrument(ctx, request.body as unknown)),
  );
}

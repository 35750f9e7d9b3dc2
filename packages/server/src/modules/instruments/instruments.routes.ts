import { instrumentKeySchema, instrumentVersionSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import * as instruments from './instruments.service.ts';

const bilingual = z.object({ sv: z.string(), en: z.string() });
const summary = z.object({
  key: z.string(),
  version: z.number(),
  kind: z.string(),
  name: bilingual,
  builtin: z.boolean(),
});

/** Instruments (threat checklists, later risk analyses) defined as data; administrators import new ones. */
export async function instrumentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/instruments',
    { schema: { response: { 200: z.object({ instruments: z.array(summary) }) } } },
    async (request) => ({
      instruments: await withActor(request, instruments.listInstruments),
    }),
  );
  app.get(
    '/instruments/:key/:version',
    {
      schema: {
        params: z.object({ key: instrumentKeySchema, version: z.coerce.number().pipe(instrumentVersionSchema) }),
      },
    },
    async (request) => ({
      definition: await withActor(request, (ctx) =>
        instruments.getInstrument(ctx, request.params.key, request.params.version),
      ),
    }),
  );
  // The body is checked by the domain's instrument parser, which reports every fault at once.
  app.post(
    '/admin/instruments',
    { schema: { body: z.unknown(), response: { 200: z.object({ key: z.string(), version: z.number() }) } } },
    async (request) => withActor(request, (ctx) => instruments.importInstrument(ctx, request.body)),
  );
}

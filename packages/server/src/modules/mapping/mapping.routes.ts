import {
  createMappingBody,
  mappingCreatedResponse,
  mappingDefinitionImportBody,
  mappingDefinitionImported,
  mappingDefinitionsResponse,
  mappingSectionResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { deferBodyValidation, deferredBody } from '../../http/deferred-body.ts';
import { idParams } from '../../http/schemas.ts';
import { importMappingDefinition, listMappingDefinitions } from './mapping-definitions.service.ts';
import { createMapping, getMappingSection } from './mapping.service.ts';

// The body of a new mapping is the contract's (contract/mapping.contract.ts), opened by the
// service only after the access check: someone who may not write learns nothing from it.

/** The mapping of life areas (kartläggning) of a case, and the definitions of the areas. */
export async function mappingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases/:id/mappings',
    { schema: { params: idParams, response: { 200: mappingSectionResponse } } },
    async (request) => withActor(request, (ctx) => getMappingSection(ctx, request.params.id)),
  );
  app.post(
    '/cases/:id/mappings',
    {
      ...deferBodyValidation,
      schema: { params: idParams, body: createMappingBody, response: { 200: mappingCreatedResponse } },
    },
    async (request) => {
      const body = deferredBody(request);
      return { mapping: await withActor(request, (ctx) => createMapping(ctx, request.params.id, body)) };
    },
  );
  app.get('/mapping-definitions', { schema: { response: { 200: mappingDefinitionsResponse } } }, async (request) => ({
    definitions: await withActor(request, listMappingDefinitions),
  }));
  // The schema describes the body; the domain's definition parser judges it, reporting every
  // fault at once in both languages, so the schema's own verdict is set aside.
  app.post(
    '/admin/mapping-definitions',
    {
      ...deferBodyValidation,
      schema: { body: mappingDefinitionImportBody, response: { 200: mappingDefinitionImported } },
    },
    async (request) => withActor(request, (ctx) => importMappingDefinition(ctx, request.body)),
  );
}

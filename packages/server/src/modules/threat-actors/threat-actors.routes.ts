import {
  actorLinkResponse,
  actorLinksResponse,
  createActorLinkBody,
  createRivalryBody,
  createThreatGroupBody,
  createThreatPersonBody,
  groupPresenceBody,
  groupPresenceResponse,
  placementCheckBody,
  placementCheckResponse,
  rivalriesResponse,
  rivalryResponse,
  threatGroupResponse,
  threatGroupsResponse,
  threatPersonResponse,
  threatPersonsResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { addActorLink, listActorLinks } from './actor-links.service.ts';
import { checkPlacement } from './placement-check.service.ts';
import {
  addGroupPresence,
  addRivalry,
  createThreatGroup,
  getThreatPerson,
  listRivalries,
  listThreatGroups,
  listThreatPersons,
  createThreatPerson,
} from './threat-actors.service.ts';

/** The threat-actor registry, the case's links to it, and the placement-conflict check. */
export async function threatActorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/threat-groups', { schema: { response: { 200: threatGroupsResponse } } }, async (request) => ({
    groups: await withActor(request, listThreatGroups),
  }));
  app.post(
    '/threat-groups',
    { schema: { body: createThreatGroupBody, response: { 200: threatGroupResponse } } },
    async (request) => ({ group: await withActor(request, (ctx) => createThreatGroup(ctx, request.body)) }),
  );
  app.post(
    '/threat-groups/:id/presence',
    {
      schema: {
        params: idParams,
        body: groupPresenceBody,
        response: { 200: groupPresenceResponse },
      },
    },
    async (request) => ({
      presence: await withActor(request, (ctx) => addGroupPresence(ctx, request.params.id, request.body)),
    }),
  );

  app.get('/rivalries', { schema: { response: { 200: rivalriesResponse } } }, async (request) => ({
    rivalries: await withActor(request, listRivalries),
  }));
  app.post(
    '/rivalries',
    { schema: { body: createRivalryBody, response: { 200: rivalryResponse } } },
    async (request) => ({ rivalry: await withActor(request, (ctx) => addRivalry(ctx, request.body)) }),
  );

  app.get('/threat-persons', { schema: { response: { 200: threatPersonsResponse } } }, async (request) => ({
    persons: await withActor(request, listThreatPersons),
  }));
  app.get(
    '/threat-persons/:id',
    {
      schema: {
        params: idParams,
        response: { 200: threatPersonResponse },
      },
    },
    async (request) => ({ person: await withActor(request, (ctx) => getThreatPerson(ctx, request.params.id)) }),
  );
  app.post(
    '/threat-persons',
    { schema: { body: createThreatPersonBody, response: { 200: threatPersonResponse } } },
    async (request) => ({ person: await withActor(request, (ctx) => createThreatPerson(ctx, request.body)) }),
  );

  app.get(
    '/cases/:id/actor-links',
    { schema: { params: idParams, response: { 200: actorLinksResponse } } },
    async (request) => ({
      links: await withActor(request, (ctx) => listActorLinks(ctx, request.params.id)),
    }),
  );
  app.post(
    '/cases/:id/actor-links',
    { schema: { params: idParams, body: createActorLinkBody, response: { 200: actorLinkResponse } } },
    async (request) => ({
      link: await withActor(request, (ctx) => addActorLink(ctx, request.params.id, request.body)),
    }),
  );

  // SECURITY: a POST although it changes nothing: the municipality being considered for a
  // protected placement goes in the body, never in a URL (proxy and access logs keep URLs).
  app.post(
    '/cases/:id/placement-check',
    {
      schema: {
        params: idParams,
        body: placementCheckBody,
        response: { 200: placementCheckResponse },
      },
    },
    async (request) => ({
      warnings: await withActor(request, (ctx) => checkPlacement(ctx, request.params.id, request.body.municipality)),
    }),
  );
}

import {
  createActorLinkBody,
  createRivalryBody,
  createThreatGroupBody,
  createThreatPersonBody,
  idSchema,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { parseOrThrow } from '../../http/validation-messages.ts';
import { addActorLink, listActorLinks } from './actor-links.service.ts';
import { checkPlacement } from './placement-check.service.ts';
import {
  actorLinkView,
  placementCheckQuery,
  placementWarning,
  threatGroupView,
  threatPersonView,
} from './threat-actors.schemas.ts';
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

const rivalry = z.object({ groupA: idSchema, groupB: idSchema });
const groupPresenceBody = z.strictObject({ municipality: z.string().trim().min(1).max(100) });

/** The threat-actor registry, the case's links to it, and the placement-conflict check. */
export async function threatActorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/threat-groups',
    { schema: { response: { 200: z.object({ groups: z.array(threatGroupView) }) } } },
    async (request) => ({ groups: await withActor(request, listThreatGroups) }),
  );
  app.post(
    '/threat-groups',
    { schema: { body: z.unknown(), response: { 200: z.object({ group: threatGroupView }) } } },
    async (request) => {
      const body = parseOrThrow(createThreatGroupBody, request.body);
      return { group: await withActor(request, (ctx) => createThreatGroup(ctx, body)) };
    },
  );
  app.post(
    '/threat-groups/:id/presence',
    {
      schema: {
        params: idParams,
        body: z.unknown(),
        response: { 200: z.object({ presence: z.object({ groupId: idSchema, municipality: z.string() }) }) },
      },
    },
    async (request) => {
      const body = parseOrThrow(groupPresenceBody, request.body);
      return { presence: await withActor(request, (ctx) => addGroupPresence(ctx, request.params.id, body)) };
    },
  );

  app.get(
    '/rivalries',
    { schema: { response: { 200: z.object({ rivalries: z.array(rivalry) }) } } },
    async (request) => ({ rivalries: await withActor(request, listRivalries) }),
  );
  app.post(
    '/rivalries',
    { schema: { body: z.unknown(), response: { 200: z.object({ rivalry }) } } },
    async (request) => {
      const body = parseOrThrow(createRivalryBody, request.body);
      return { rivalry: await withActor(request, (ctx) => addRivalry(ctx, body)) };
    },
  );

  app.get(
    '/threat-persons',
    { schema: { response: { 200: z.object({ persons: z.array(threatPersonView) }) } } },
    async (request) => ({ persons: await withActor(request, listThreatPersons) }),
  );
  app.get(
    '/threat-persons/:id',
    {
      schema: {
        params: idParams,
        response: { 200: z.object({ person: threatPersonView.extend({ notes: z.string().nullable() }) }) },
      },
    },
    async (request) => ({ person: await withActor(request, (ctx) => getThreatPerson(ctx, request.params.id)) }),
  );
  app.post(
    '/threat-persons',
    {
      schema: {
        body: z.unknown(),
        response: { 200: z.object({ person: threatPersonView.extend({ notes: z.string().nullable() }) }) },
      },
    },
    async (request) => {
      const body = parseOrThrow(createThreatPersonBody, request.body);
      return { person: await withActor(request, (ctx) => createThreatPerson(ctx, body)) };
    },
  );

  app.get(
    '/cases/:id/actor-links',
    { schema: { params: idParams, response: { 200: z.object({ links: z.array(actorLinkView) }) } } },
    async (request) => ({
      links: await withActor(request, (ctx) => listActorLinks(ctx, request.params.id)),
    }),
  );
  app.post(
    '/cases/:id/actor-links',
    { schema: { params: idParams, body: z.unknown(), response: { 200: z.object({ link: actorLinkView }) } } },
    async (request) => {
      const body = parseOrThrow(createActorLinkBody, request.body);
      return { link: await withActor(request, (ctx) => addActorLink(ctx, request.params.id, body)) };
    },
  );

  app.get(
    '/cases/:id/placement-check',
    {
      schema: {
        params: idParams,
        querystring: placementCheckQuery,
        response: { 200: z.object({ warnings: z.array(placementWarning) }) },
      },
    },
    async (request) => ({
      warnings: await withActor(request, (ctx) => checkPlacement(ctx, request.params.id, request.query.municipality)),
    }),
  );
}

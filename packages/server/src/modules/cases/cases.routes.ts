import {
  addTeamMemberBody,
  breakGlassRequestBody,
  breakGlassResponse,
  caseDetailView,
  caseListResponse,
  caseStaffResponse,
  caseTransitionBody,
  overdueResponse,
  pageQuery,
  teamMemberParams,
  teamResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { breakGlass } from './break-glass.ts';
import { addTeamMember, listTeam, removeTeamMember, teamCandidates } from './case-team.ts';
import { getCase, listMyCases, listOverdue, transitionCase } from './cases.service.ts';

/** Case routes: the list, one case in full, lifecycle transitions and the late clocks. */
export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/cases', { schema: { querystring: pageQuery, response: { 200: caseListResponse } } }, async (request) =>
    withActor(request, (ctx) => listMyCases(ctx, request.query)),
  );
  app.get('/cases/:id', { schema: { params: idParams, response: { 200: caseDetailView } } }, async (request) =>
    withActor(request, (ctx) => getCase(ctx, request.params.id)),
  );
  app.post(
    '/cases/:id/transitions',
    { schema: { params: idParams, body: caseTransitionBody, response: { 200: caseDetailView } } },
    async (request) => withActor(request, (ctx) => transitionCase(ctx, request.params.id, request.body.event)),
  );
  app.get(
    '/home/overdue',
    { schema: { querystring: pageQuery, response: { 200: overdueResponse } } },
    async (request) => withActor(request, (ctx) => listOverdue(ctx, request.query)),
  );

  app.post(
    '/cases/:id/break-glass',
    {
      schema: {
        params: idParams,
        body: breakGlassRequestBody,
        response: { 200: breakGlassResponse },
      },
    },
    async (request) => withActor(request, (ctx) => breakGlass(ctx, request.params.id, request.body.reason)),
  );

  const team = { 200: teamResponse };
  app.get('/cases/:id/team', { schema: { params: idParams, response: team } }, async (request) => ({
    team: await withActor(request, (ctx) => listTeam(ctx, request.params.id)),
  }));
  app.post(
    '/cases/:id/team',
    { schema: { params: idParams, body: addTeamMemberBody, response: team } },
    async (request) => ({
      team: await withActor(request, (ctx) => addTeamMember(ctx, request.params.id, request.body.userId)),
    }),
  );
  app.delete('/cases/:id/team/:userId', { schema: { params: teamMemberParams, response: team } }, async (request) => ({
    team: await withActor(request, (ctx) => removeTeamMember(ctx, request.params.id, request.params.userId)),
  }));

  app.get('/case-staff', { schema: { response: { 200: caseStaffResponse } } }, async (request) => ({
    staff: await withActor(request, teamCandidates),
  }));
}

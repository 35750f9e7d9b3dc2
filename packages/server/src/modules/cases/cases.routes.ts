import {
  CASE_CLOCKS,
  abilitiesSchema,
  addTeamMemberBody,
  breakGlassRequestBody,
  breakGlassResponse,
  caseDetailView,
  caseStaffResponse,
  caseTransitionBody,
  idSchema,
  teamMemberParams,
  teamResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { sendBreakGlassMail } from '../notifications/case-attention.ts';
import { breakGlass } from './break-glass.ts';
import { addTeamMember, listTeam, removeTeamMember, teamCandidates } from './case-team.ts';
import { getCase, listMyCases, listOverdue, transitionCase } from './cases.service.ts';

const caseSummary = z.object({ id: idSchema, code: z.string(), state: z.string(), abilities: abilitiesSchema });
const overdueEntry = z.object({
  caseId: idSchema,
  caseCode: z.string(),
  clock: z.enum(CASE_CLOCKS),
  dueAt: z.string(),
  lateByMinutes: z.number().int(),
});

/** Case routes: the list, one case in full, lifecycle transitions and the late clocks. */
export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/cases', { schema: { response: { 200: z.object({ cases: z.array(caseSummary) }) } } }, async (request) => ({
    cases: await withActor(request, listMyCases),
  }));
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
    { schema: { response: { 200: z.object({ overdue: z.array(overdueEntry) }) } } },
    async (request) => ({ overdue: await withActor(request, listOverdue) }),
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
    async (request) => {
      const { expiresAt, notice } = await withActor(request, (ctx) =>
        breakGlass(ctx, request.params.id, request.body.reason),
      );
      void sendBreakGlassMail(app.deps, notice, request.log);
      return { expiresAt };
    },
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

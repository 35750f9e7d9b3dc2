import { CASE_EVENTS, caseListResponse, caseSummary, idSchema, overdueResponse, pageQuery } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActor } from '../../http/context.ts';
import { idParams } from '../../http/schemas.ts';
import { sendBreakGlassMail } from '../notifications/case-attention.ts';
import { breakGlass } from './break-glass.ts';
import { addTeamMember, listTeam, removeTeamMember, teamCandidates } from './case-team.ts';
import { getCase, listMyCases, listOverdue, transitionCase } from './cases.service.ts';

const identity = z.object({
  name: z.string().nullable(),
  personnummer: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
const relatedPerson = z.object({
  id: idSchema,
  relation: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  protectionNeeds: z.string().nullable(),
});
const checklist = z.object({
  id: idSchema,
  instrumentKey: z.string(),
  instrumentVersion: z.number().int(),
  answers: z.record(z.string(), z.string()),
  acute: z.boolean(),
  acuteItemIds: z.array(z.string()),
  judgement: z.string().nullable(),
  createdAt: z.string(),
});
const meeting = z.object({
  id: idSchema,
  kind: z.string(),
  status: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  heldAt: z.string().nullable(),
  staff: z.object({ userId: idSchema, displayName: z.string() }),
  /** The place's name is null for a reader who may not see places. */
  place: z.object({ id: idSchema, name: z.string().nullable() }),
});
const clock = z.object({
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  status: z.enum(['not_started', 'due', 'late', 'on_time', 'met_late']),
  lateByMinutes: z.number().int(),
});
/** A case as far as the reader may see it; a section they may not read is null. */
const caseDetail = caseSummary.extend({
  acute: z.boolean().nullable(),
  contactAt: z.string(),
  identity: identity.nullable(),
  relatedPersons: z.array(relatedPerson).nullable(),
  checklists: z.array(checklist).nullable(),
  meetings: z.array(meeting),
  clocks: z.object({ first_meeting: clock, assessment: clock }),
  allowedEvents: z.array(z.enum(CASE_EVENTS)),
});
/** Case routes: the list, one case in full, lifecycle transitions and the late clocks. */
export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/cases', { schema: { querystring: pageQuery, response: { 200: caseListResponse } } }, async (request) =>
    withActor(request, (ctx) => listMyCases(ctx, request.query)),
  );
  app.get('/cases/:id', { schema: { params: idParams, response: { 200: caseDetail } } }, async (request) =>
    withActor(request, (ctx) => getCase(ctx, request.params.id)),
  );
  app.post(
    '/cases/:id/transitions',
    { schema: { params: idParams, body: z.object({ event: z.enum(CASE_EVENTS) }), response: { 200: caseDetail } } },
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
        body: z.object({ reason: z.string().trim().min(10).max(500) }),
        response: { 200: z.object({ expiresAt: z.string() }) },
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

  const teamMember = z.object({
    userId: idSchema,
    displayName: z.string(),
    organisation: z.object({ id: idSchema, name: z.string() }),
    isOwner: z.boolean(),
    roles: z.array(z.string()),
  });
  const team = { 200: z.object({ team: z.array(teamMember) }) };
  app.get('/cases/:id/team', { schema: { params: idParams, response: team } }, async (request) => ({
    team: await withActor(request, (ctx) => listTeam(ctx, request.params.id)),
  }));
  app.post(
    '/cases/:id/team',
    { schema: { params: idParams, body: z.object({ userId: idSchema }), response: team } },
    async (request) => ({
      team: await withActor(request, (ctx) => addTeamMember(ctx, request.params.id, request.body.userId)),
    }),
  );
  app.delete(
    '/cases/:id/team/:userId',
    { schema: { params: z.object({ id: idSchema, userId: idSchema }), response: team } },
    async (request) => ({
      team: await withActor(request, (ctx) => removeTeamMember(ctx, request.params.id, request.params.userId)),
    }),
  );

  app.get(
    '/case-staff',
    {
      schema: {
        response: {
          200: z.object({
            staff: z.array(
              z.object({
                userId: idSchema,
                displayName: z.string(),
                organisationName: z.string(),
                roles: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ staff: await withActor(request, teamCandidates) }),
  );
}

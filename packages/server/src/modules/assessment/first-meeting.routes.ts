import { idSchema } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import {
  ATTACHMENT_BODY_LIMIT,
  contentDisposition,
  createAttachmentBody,
  downloadAttachment,
  uploadAttachment,
} from './attachments.service.ts';
import { createMeetingRecordBody, listMeetingRecords, recordMeeting } from './meeting-records.service.ts';

const meetingRecord = z.object({
  id: idSchema,
  meetingId: idSchema.nullable(),
  participantUserIds: z.array(idSchema),
  othersPresent: z.string().nullable(),
  motivation: z.string().nullable(),
  situation: z.string().nullable(),
  explained: z.string().nullable(),
  recordedBy: idSchema,
  createdAt: z.string(),
});

/** The first meeting: what was said, and the documents brought (the signed consent form). */
export async function firstMeetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/cases/:id/meeting-records',
    { schema: { params: idParams, body: createMeetingRecordBody, response: { 200: z.object({ id: idSchema }) } } },
    async (request) => withActor(request, (ctx) => recordMeeting(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/meeting-records',
    { schema: { params: idParams, response: { 200: z.object({ meetingRecords: z.array(meetingRecord) }) } } },
    async (request) => ({
      meetingRecords: await withActor(request, (ctx) => listMeetingRecords(ctx, request.params.id)),
    }),
  );

  app.post(
    '/cases/:id/attachments',
    {
      // SECURITY: only this route takes a large body; every other keeps the app's 1 MB limit.
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: { params: idParams, body: createAttachmentBody, response: { 200: z.object({ id: idSchema }) } },
    },
    async (request) => withActor(request, (ctx) => uploadAttachment(ctx, request.params.id, request.body)),
  );

  app.get('/attachments/:id', { schema: { params: idParams } }, async (request, reply) => {
    const file = await withActor(request, (ctx) => downloadAttachment(ctx, request.params.id));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.filename))
      .header('content-length', file.content.length)
      .send(file.content);
  });
}

import {
  ATTACHMENT_BODY_LIMIT,
  attachmentFile,
  createAttachmentBody,
  createdResponse,
  createMeetingRecordBody,
  meetingRecordsResponse,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../http/schemas.ts';
import { withActor } from '../../http/context.ts';
import { contentDisposition, downloadAttachment, uploadAttachment } from './attachments.service.ts';
import { listMeetingRecords, recordMeeting } from './meeting-records.service.ts';

/** The first meeting: what was said, and the documents brought (the signed consent form). */
export async function firstMeetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/cases/:id/meeting-records',
    { schema: { params: idParams, body: createMeetingRecordBody, response: { 200: createdResponse } } },
    async (request) => withActor(request, (ctx) => recordMeeting(ctx, request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/meeting-records',
    { schema: { params: idParams, response: { 200: meetingRecordsResponse } } },
    async (request) => ({
      meetingRecords: await withActor(request, (ctx) => listMeetingRecords(ctx, request.params.id)),
    }),
  );

  app.post(
    '/cases/:id/attachments',
    {
      // SECURITY: only this route takes a large body; every other keeps the app's 1 MB limit.
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: { params: idParams, body: createAttachmentBody, response: { 200: createdResponse } },
    },
    async (request) => withActor(request, (ctx) => uploadAttachment(ctx, request.params.id, request.body)),
  );

  // The file is sent as it is, with its own content type: a Buffer passes no serializer, and the
  // schema documents the bytes.
  app.get(
    '/attachments/:id',
    { schema: { params: idParams, response: { 200: attachmentFile } } },
    async (request, reply) => {
      const file = await withActor(request, (ctx) => downloadAttachment(ctx, request.params.id));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('content-length', file.content.length)
        .send(file.content as unknown as string);
    },
  );
}

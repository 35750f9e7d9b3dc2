import { randomUUID } from 'node:crypto';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES, disclosureOf, type CreateAttachmentBody } from '@utvag/domain';
import type { ServiceContext } from '../../service-context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { requireCase } from '../cases/case-access.ts';
import { validationFault } from '../../http/validation-messages.ts';
import { attachmentOfCase, findAttachment, insertAttachment } from './attachments.repository.ts';

// Uploaded documents of a case: today the scanned, signed consent form.
// SECURITY: an attachment belongs to the consent register, so it is written with 'consent:write'
// and read with 'consent:read'; its name and content are ciphertext under the case's key.

/** The first bytes every file of each accepted type starts with. */
const MAGIC: Readonly<Record<(typeof ATTACHMENT_CONTENT_TYPES)[number], Buffer>> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/**
 * Fails with `unknown_attachment` at `path` unless the attachment is one of this case's (in the
 * acting programme): a consent or signature never points at another case's document.
 */
export async function requireCaseAttachment(ctx: ServiceContext, caseId: string, attachmentId: string, path: string) {
  const row = await attachmentOfCase(ctx.tx, ctx.actor.programmeId, caseId, attachmentId);
  if (!row) throw validationFault(path, 'unknown_attachment');
}

/** Stores a file of the case, name and content encrypted; refuses other types and what does not look like one. */
export async function uploadAttachment(ctx: ServiceContext, caseId: string, body: CreateAttachmentBody) {
  const { crypto } = await requireCase(ctx, caseId, 'consent:write');
  const content = Buffer.from(body.dataBase64, 'base64');
  if (content.length > ATTACHMENT_MAX_BYTES) throw validationFault('dataBase64', 'file_too_large');
  if (!content.subarray(0, MAGIC[body.contentType].length).equals(MAGIC[body.contentType])) {
    throw validationFault('contentType', 'content_type_mismatch');
  }
  const id = randomUUID();
  await insertAttachment(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    contentType: body.contentType,
    size: content.length,
    filenameEnc: crypto.encrypt('attachments', 'filename_enc', id, body.filename),
    // The field cipher takes text: the bytes go in as base64 (a third larger, still under the key).
    contentEnc: crypto.encrypt('attachments', 'content_enc', id, content.toString('base64')),
    uploadedBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'attachment:write',
    recordType: 'attachment',
    recordId: id,
    details: { caseId, size: content.length, contentType: body.contentType },
  });
  return { id };
}

/** One file, decrypted; "no such file" and "not yours" answer alike, and the read is logged. */
export async function downloadAttachment(ctx: ServiceContext, attachmentId: string) {
  const row = await findAttachment(ctx.tx, ctx.actor.programmeId, attachmentId);
  if (!row) {
    throw refusal(ctx, 'not_found', { action: 'attachment:read', recordType: 'attachment', recordId: attachmentId });
  }
  const { resource, crypto } = await requireCase(ctx, row.caseId, 'consent:read');
  const filename = crypto.decrypt('attachments', 'filename_enc', row.id, row.filenameEnc);
  const content = Buffer.from(crypto.decrypt('attachments', 'content_enc', row.id, row.contentEnc), 'base64');
  await ctx.audit({
    action: 'attachment:read',
    recordType: 'attachment',
    recordId: row.id,
    purpose: 'consent_register',
    ...disclosureOf(ctx.actor, resource),
    details: { caseId: row.caseId },
  });
  return { filename, contentType: row.contentType, content };
}

/** A Content-Disposition that always downloads, with the name safe in any browser. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(filename)}`;
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

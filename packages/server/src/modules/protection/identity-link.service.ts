import { AppError, can, type IdentityLinkBody } from '@utvag/domain';
import { randomUUID } from 'node:crypto';
import type { DeferredBody, ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import { reasonRepeatsSecret } from './protection.access.ts';
import {
  coordinatorsAmong,
  identityLinkOfCase,
  insertIdentityLink,
  replaceIdentityLink,
} from './protection.repository.ts';
import { validationFault } from '../../http/validation-messages.ts';

// The sealed link between an old and a fictitious identity: the most dangerous datum of a case.

/**
 * Records the sealed link and names who may see it (coordinators of the programme only).
 * SECURITY: once a link exists, only someone who may read it (a named reader with a fresh
 * second factor) may replace it, so nobody can name themselves a reader of someone else's link
 * nor silently destroy it. The link text never appears in the answer or the log.
 */
export async function recordIdentityLink(ctx: ServiceContext, caseId: string, input: DeferredBody<IdentityLinkBody>) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'protection:write');
  const body = input();
  const readers = [...new Set(body.sealedReaderIds)];
  const coordinators = await coordinatorsAmong(ctx.tx, ctx.actor.programmeId, readers);
  const notCoordinator = body.sealedReaderIds.findIndex((id) => !coordinators.has(id));
  if (notCoordinator >= 0) {
    throw validationFault(`sealedReaderIds.${notCoordinator}`, 'not_a_programme_coordinator');
  }
  const existing = await identityLinkOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  if (existing && !can(ctx.actor, 'identity_link:read', resource)) {
    throw new AppError('conflict', {
      message: 'A sealed identity link is recorded already; only its named readers may replace it.',
      messageKey: 'errors.identity_link_exists',
    });
  }
  const id = existing?.id ?? randomUUID();
  const linkEnc = crypto.encrypt('identity_links', 'link_enc', id, body.link);
  if (existing) await replaceIdentityLink(ctx.tx, ctx.actor.programmeId, id, { linkEnc, sealedReaderIds: readers });
  else
    await insertIdentityLink(ctx.tx, {
      id,
      programmeId: ctx.actor.programmeId,
      caseId,
      linkEnc,
      sealedReaderIds: readers,
    });
  await ctx.audit({
    action: 'protection:write',
    recordType: 'identity_link',
    recordId: id,
    details: {
      caseId,
      change: existing ? 'identity_link_replaced' : 'identity_link_recorded',
      readers: readers.length,
    },
  });
  return { id, sealedReaderIds: readers };
}

/**
 * Shows the sealed link to a named reader who states why. SECURITY: the domain policy asks for
 * team membership, a fresh second factor and a place among the sealed readers; the view is
 * logged as 'identity_link:read' with the reason as its purpose.
 */
export async function readIdentityLink(ctx: ServiceContext, caseId: string, input: DeferredBody<{ reason: string }>) {
  const { crypto } = await requireCase(ctx, caseId, 'identity_link:read', {
    record: { recordType: 'case', recordId: caseId, details: { caseId } },
  });
  const { reason } = input();
  const link = await identityLinkOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  // A named reader exists only where a link does; this guards a row removed meanwhile.
  if (!link) throw new AppError('not_found');
  const text = crypto.decrypt('identity_links', 'link_enc', link.id, link.linkEnc);
  if (reasonRepeatsSecret(reason, text)) throw validationFault('reason', 'reason_contains_secret');
  await ctx.audit({
    action: 'identity_link:read',
    recordType: 'identity_link',
    recordId: link.id,
    purpose: reason,
    details: { caseId },
  });
  return { id: link.id, link: text, sealedReaderIds: link.sealedReaderIds, createdAt: link.createdAt.toISOString() };
}

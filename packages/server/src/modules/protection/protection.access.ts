import { AppError, can, type Actor, type CaseResource } from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../http/context.ts';
import { refusal } from '../audit/audit-refusal.ts';
import { caseCrypto, requireCaseAccess } from '../assessment/assessment-access.ts';
import { requireReadableCase } from '../cases/cases.service.ts';
import { sealedReadersOf } from './sealed-readers.ts';

type ProtectionAction = 'protection:read' | 'protection:write';
type MostSensitiveAction = 'protection:read_address' | 'identity_link:read';

/** The case's policy resource with the readers of its sealed identity link filled in. */
async function protectionResource(ctx: ServiceContext, resource: CaseResource): Promise<CaseResource> {
  return { ...resource, sealedReaders: resource.sealedReaders ?? (await sealedReadersOf(ctx.tx, resource.caseId)) };
}

/**
 * The case, when the actor may use its protection section. SECURITY: someone who may not read
 * the case gets 404 (as for any unknown case); someone who reads the case but not this section
 * gets 403. Both refusals are logged.
 */
export async function requireProtection(ctx: ServiceContext, caseId: string, action: ProtectionAction) {
  return requireCaseAccess(ctx, caseId, action, (resource) => protectionResource(ctx, resource));
}

/**
 * The gate of the protected address and the sealed identity link. SECURITY: both need a fresh
 * second factor (the domain policy decides); when that is all that is missing, the refusal says
 * so, so the client can ask for the step-up and try again. Every refusal is logged.
 */
export async function requireMostSensitive(
  ctx: ServiceContext,
  caseId: string,
  action: MostSensitiveAction,
  record: { recordType: string; recordId: string },
) {
  const { row, resource } = await requireReadableCase(ctx, caseId, action);
  const full = await protectionResource(ctx, resource);
  if (can(ctx.actor, action, full)) return { resource: full, crypto: caseCrypto(ctx, row) };
  const refused = refusal(ctx, 'forbidden', { action, ...record, details: { caseId } });
  const stepped: Actor = { ...ctx.actor, freshSecondFactor: true };
  if (ctx.actor.freshSecondFactor !== true && can(stepped, action, full)) {
    throw new AppError('forbidden', {
      message: 'Confirm your second factor again to see this.',
      messageKey: 'errors.fresh_second_factor_required',
      cause: refused.cause,
    });
  }
  throw refused;
}

/** How the actor stands towards a most-sensitive view, for the client to offer it (display only). */
export function sensitiveViewState(
  actor: Actor,
  action: MostSensitiveAction,
  resource: CaseResource,
): 'allowed' | 'step_up_required' | 'forbidden' {
  if (can(actor, action, resource)) return 'allowed';
  return can({ ...actor, freshSecondFactor: true }, action, resource) ? 'step_up_required' : 'forbidden';
}

/**
 * SECURITY: a stated reason is kept in clear in the audit log and read by auditors; it must not
 * carry the secret it justifies. Catches the whole value and its first line (the street).
 */
export function reasonRepeatsSecret(reason: string, secret: string): boolean {
  const norm = (s: string) => s.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
  const r = norm(reason);
  const parts = [secret, secret.split(/[,\n]/)[0] ?? ''].map(norm).filter((p) => p.length >= 6);
  return parts.some((p) => r.includes(p));
}

/** Why the most sensitive data is needed now: logged with the view, read by the auditors. */
export const statedReason = z.string().trim().min(10).max(500);

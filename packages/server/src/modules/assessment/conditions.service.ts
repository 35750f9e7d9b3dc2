import { randomUUID } from 'node:crypto';
import {
  AppError,
  authorize,
  DEFAULT_CONDITIONS,
  SIGNING_METHODS,
  type ConditionsAgreementBody,
  type SignConditionsBody,
  disclosureOf,
  programmeOf,
} from '@utvag/domain';
import {
  conditionsSignaturesOf,
  conditionsVersionExists,
  conditionsVersionsIn,
  insertConditionsSignature,
  insertConditionsVersion,
  latestConditionsVersion,
} from './assessment.repository.ts';
import type { ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import { z } from 'zod';
import { validationFault } from '../../http/validation-messages.ts';
import { requireCaseAttachment } from './attachments.service.ts';

/** Stored conditions, read back as untrusted data. */
const storedConditions = z.array(z.object({ id: z.string(), text: z.object({ sv: z.string(), en: z.string() }) }));
const signingMethod = z.enum(SIGNING_METHODS);

// The conditions agreement: the programme's rules, versioned per programme, and the person's
// signature of one version (later breaches link to that version).

function presentVersion(row: { version: number; conditions: unknown; createdAt: Date }) {
  return {
    version: row.version,
    conditions: storedConditions.parse(row.conditions),
    createdAt: row.createdAt.toISOString(),
  };
}

async function latestVersion(ctx: ServiceContext) {
  return latestConditionsVersion(ctx.tx, ctx.actor.programmeId);
}

/** The current version, creating version 1 from the default set when the programme has none yet. */
async function currentOrSeeded(ctx: ServiceContext) {
  const existing = await latestVersion(ctx);
  if (existing) return existing;
  // Two first reads at once both try version 1; the unique index lets one win, and both read it.
  await insertConditionsVersion(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    version: 1,
    conditions: DEFAULT_CONDITIONS.conditions,
    createdBy: null,
  });
  return (await latestVersion(ctx))!;
}

/** The programme's current conditions: definitions, nobody's data. */
export async function getCurrentConditions(ctx: ServiceContext) {
  // The agreement is a programme definition like an instrument: whoever may read those may read it.
  authorize(ctx.actor, 'instrument:read', programmeOf(ctx.actor));
  return presentVersion(await currentOrSeeded(ctx));
}

/**
 * A new version of the conditions. Earlier versions stay as they were: signatures point to them.
 * The body names the version it creates, which must be the next one (409 otherwise), so two
 * administrators editing at once cannot silently overwrite each other's intent.
 */
export async function createConditionsVersion(ctx: ServiceContext, body: ConditionsAgreementBody) {
  // Programme settings are the administrator's (as criteria and instruments are).
  authorize(ctx.actor, 'programme:manage', programmeOf(ctx.actor));
  const current = await currentOrSeeded(ctx);
  const version = current.version + 1;
  if (body.version !== version) {
    throw new AppError('conflict', { message: `The next version is ${version}.`, messageKey: 'errors.conflict' });
  }
  const inserted = await insertConditionsVersion(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    version,
    conditions: body.conditions,
    createdBy: ctx.actor.userId,
  });
  if (!inserted) throw new AppError('conflict');
  await ctx.audit({
    action: 'conditions:version',
    recordType: 'conditions_version',
    recordId: inserted.id,
    details: { version },
  });
  return presentVersion(inserted);
}

/** Records that the person signed a version of the programme's conditions. */
export async function signConditions(ctx: ServiceContext, caseId: string, body: SignConditionsBody) {
  const { crypto } = await requireCase(ctx, caseId, 'conditions:write');
  await currentOrSeeded(ctx);
  if (!(await conditionsVersionExists(ctx.tx, ctx.actor.programmeId, body.version)))
    throw validationFault('version', 'unknown_conditions_version');
  if (body.attachmentId !== undefined) await requireCaseAttachment(ctx, caseId, body.attachmentId, 'attachmentId');
  const id = randomUUID();
  await insertConditionsSignature(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    version: body.version,
    signedAt: new Date(body.signedAt),
    method: body.method,
    witnessEnc: crypto.encryptOptional('conditions_signatures', 'witness_enc', id, body.witnessName),
    attachmentId: body.attachmentId ?? null,
    recordedBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'conditions:write',
    recordType: 'conditions_signature',
    recordId: id,
    details: { caseId, version: body.version },
  });
  return { id };
}

/** The signatures of a case with the conditions each version holds; a partner's read is a disclosure. */
export async function listSignatures(ctx: ServiceContext, caseId: string) {
  const { resource, crypto } = await requireCase(ctx, caseId, 'conditions:read');
  const rows = await conditionsSignaturesOf(ctx.tx, ctx.actor.programmeId, caseId);
  const versions = await conditionsVersionsIn(ctx.tx, ctx.actor.programmeId, [...new Set(rows.map((r) => r.version))]);
  const byVersion = new Map(versions.map((v) => [v.version, storedConditions.parse(v.conditions)]));
  await ctx.audit({
    action: 'conditions:read',
    recordType: 'case',
    recordId: caseId,
    ...disclosureOf(ctx.actor, resource),
    details: { signatures: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    signedAt: r.signedAt.toISOString(),
    method: signingMethod.parse(r.method),
    witnessName: crypto.decryptOptional('conditions_signatures', 'witness_enc', r.id, r.witnessEnc),
    attachmentId: r.attachmentId,
    recordedBy: r.recordedBy,
    conditions: byVersion.get(r.version) ?? [],
  }));
}

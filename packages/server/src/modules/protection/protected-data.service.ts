import type { ProtectedDataApplicationBody, ProtectiveMeasureBody } from '@utvag/domain';
import { randomUUID } from 'node:crypto';
import type { DeferredBody, ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import { presentMeasure, presentProtectedData } from './protection.presenter.ts';
import {
  insertMeasure,
  insertProtectedDataApplication,
  measuresOfCase,
  protectedDataOfCase,
} from './protection.repository.ts';

// Protected personal data applications and the other protective measures of a case.

/** Records an application for protected personal data; the deciding authority follows from the kind. */
export async function createProtectedDataApplication(
  ctx: ServiceContext,
  caseId: string,
  input: DeferredBody<ProtectedDataApplicationBody>,
) {
  await requireCase(ctx, caseId, 'protection:write');
  const body = input();
  const row = await insertProtectedDataApplication(ctx.tx, {
    programmeId: ctx.actor.programmeId,
    caseId,
    kind: body.kind,
    authority: body.authority,
    status: body.status,
    appliedOn: body.appliedOn,
    decidedOn: body.decidedOn ?? null,
  });
  await ctx.audit({
    action: 'protection:write',
    recordType: 'protected_data_application',
    recordId: row.id,
    details: { caseId, change: 'protected_data_recorded', kind: body.kind, status: body.status },
  });
  return presentProtectedData(row);
}

export async function listProtectedData(ctx: ServiceContext, caseId: string) {
  await requireCase(ctx, caseId, 'protection:read');
  const rows = await protectedDataOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  await ctx.audit({
    action: 'protection:read',
    recordType: 'case',
    recordId: caseId,
    details: { view: 'protected_data', results: rows.length },
  });
  return rows.map(presentProtectedData);
}

/** Records a protective measure; its note is encrypted under the case's key. */
export async function createMeasure(ctx: ServiceContext, caseId: string, input: DeferredBody<ProtectiveMeasureBody>) {
  const { crypto } = await requireCase(ctx, caseId, 'protection:write');
  const body = input();
  const id = randomUUID();
  const row = await insertMeasure(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    kind: body.kind,
    status: body.status,
    startsOn: body.startsOn ?? null,
    endsOn: body.endsOn ?? null,
    noteEnc: crypto.encryptOptional('protective_measures', 'note_enc', id, body.note),
  });
  await ctx.audit({
    action: 'protection:write',
    recordType: 'protective_measure',
    recordId: id,
    details: { caseId, change: 'measure_recorded', kind: body.kind, status: body.status },
  });
  return presentMeasure(row, body.note ?? null);
}

export async function listMeasures(ctx: ServiceContext, caseId: string) {
  const { crypto } = await requireCase(ctx, caseId, 'protection:read');
  const rows = await measuresOfCase(ctx.tx, ctx.actor.programmeId, caseId);
  await ctx.audit({
    action: 'protection:read',
    recordType: 'case',
    recordId: caseId,
    details: { view: 'measures', results: rows.length },
  });
  return rows.map((r) => presentMeasure(r, crypto.decryptOptional('protective_measures', 'note_enc', r.id, r.noteEnc)));
}

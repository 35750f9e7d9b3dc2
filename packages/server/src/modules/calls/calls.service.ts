import { randomUUID } from 'node:crypto';
import {
  AppError,
  authorize,
  evaluateAnswers,
  validateAnswers,
  validateJudgement,
  type CallChannel,
  type CallDecision,
  type CallerType,
  type CallListQuery,
  type CreateCallBody,
  type InstrumentAnswers,
  programmeOf,
  leadsCases,
  idSchema,
} from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { openCase } from '../cases/case-opening.ts';
import { createDataKey, decryptField, encryptField, unwrapDataKey, wrapDataKey } from '../crypto/field-crypto.ts';
import { instrumentFaults, resolveInstrument } from '../instruments/instruments.service.ts';
import { queueStaffMail } from '../notifications/mail-outbox.ts';
import { notifyLive } from '../notifications/live-events.ts';
import { dutyShiftsBetween, programmeRolesOf } from '../scheduling/scheduling.port.ts';
import { keysetPage } from '../pagination/keyset-page.ts';
import {
  activeUsersWithEmail,
  checklistOfCall,
  findCall,
  findCalls,
  insertCall,
  insertChecklistResponse,
  type CallListKey,
} from './calls.repository.ts';

const callBinding = (callId: string, column: string) => ({ table: 'calls', column, rowId: callId });
const answersBinding = (responseId: string) => ({
  table: 'checklist_responses',
  column: 'answers_enc',
  rowId: responseId,
});

/** Coordinators on duty at `at`: they are told at once when a call is taken further. */
export async function onDutyCoordinators(ctx: ServiceContext, at: Date) {
  const shifts = await dutyShiftsBetween(ctx, at, new Date(at.getTime() + 1));
  const roles = await programmeRolesOf(ctx, [...new Set(shifts.map((s) => s.userId))]);
  const ids = [...new Set(shifts.map((s) => s.userId).filter((id) => leadsCases(roles.get(id) ?? [])))];
  if (ids.length === 0) return [];
  return activeUsersWithEmail(ctx.tx, ids);
}

async function checkChecklist(ctx: ServiceContext, checklist: NonNullable<CreateCallBody['checklist']>) {
  const instrument = await resolveInstrument(
    ctx.tx,
    ctx.actor.programmeId,
    checklist.instrumentId,
    checklist.instrumentVersion,
  );
  if (!instrument)
    throw new AppError('validation', {
      message: 'Unknown checklist instrument.',
      messageKey: 'errors.answers_invalid',
    });
  const answers: InstrumentAnswers = checklist.answers;
  const faults = validateAnswers(instrument, answers);
  const evaluation = evaluateAnswers(instrument, answers);
  const judgement = checklist.judgement ?? evaluation.suggestedJudgement ?? null;
  if (judgement !== null) faults.push(...validateJudgement(instrument, evaluation, judgement));
  if (faults.length > 0)
    throw instrumentFaults('errors.answers_invalid', 'The checklist is not complete or has invalid answers.', faults);
  return { evaluation, judgement, answers };
}

/**
 * Logs a call with its checklist and decision in one transaction. Taking it further opens a case
 * (identity encrypted under the case's key), puts the on-duty coordinator on its team and tells
 * them at once: live on their screens and by e-mail through the outbox, both on commit only.
 */
export async function createCall(ctx: ServiceContext, body: CreateCallBody) {
  authorize(ctx.actor, 'call:create', programmeOf(ctx.actor));
  const checked = body.checklist ? await checkChecklist(ctx, body.checklist) : null;
  const acute = checked?.evaluation.acute ?? false;
  const receivedAt = new Date(body.receivedAt);
  const callId = randomUUID();
  const key = createDataKey();
  const enc = (value: string | undefined, column: string) =>
    value === undefined || value === '' ? null : encryptField(key, value, callBinding(callId, column));

  let opened: { caseId: string; code: string } | null = null;
  if (body.decision === 'take_further') {
    const coordinators = await onDutyCoordinators(ctx, new Date());
    const ownerUserId = coordinators[0]?.id ?? ctx.actor.userId;
    opened = await openCase(ctx.tx, ctx.deps.keys, {
      programmeId: ctx.actor.programmeId,
      actorUserId: ctx.actor.userId,
      contactAt: receivedAt,
      acute,
      identity: body.person ?? {},
      relative: body.relative,
      teamUserIds: [...new Set([ctx.actor.userId, ...coordinators.map((c) => c.id)])],
      ownerUserId,
    });
    for (const coordinator of coordinators) {
      await notifyLive(ctx.tx, {
        userId: coordinator.id,
        type: 'case_attention',
        caseId: opened.caseId,
        caseCode: opened.code,
        at: new Date().toISOString(),
      });
    }
    await queueStaffMail(ctx.tx, ctx.deps, {
      programmeId: ctx.actor.programmeId,
      kind: 'case_attention',
      caseId: opened.caseId,
      caseCode: opened.code,
      recipientUserIds: coordinators.map((c) => c.id),
    });
  }

  await insertCall(ctx.tx, {
    id: callId,
    programmeId: ctx.actor.programmeId,
    receivedAt,
    channel: body.channel,
    callerType: body.callerType,
    handlerUserId: ctx.actor.userId,
    decision: body.decision,
    wrappedKey: wrapDataKey(ctx.deps.keys.master, key, callBinding(callId, 'wrapped_key')),
    summaryEnc: enc(body.summary, 'summary_enc'),
    callbackContactEnc: enc(body.callbackContact, 'callback_contact_enc'),
    referralOrganisation: body.referral?.organisationName ?? null,
    referralReasonEnc: enc(body.referral?.reason, 'referral_reason_enc'),
    callbackAt: body.callbackAt ? new Date(body.callbackAt) : null,
    acute,
    caseId: opened?.caseId ?? null,
  });
  if (checked && body.checklist) {
    const responseId = randomUUID();
    await insertChecklistResponse(ctx.tx, {
      id: responseId,
      programmeId: ctx.actor.programmeId,
      callId,
      caseId: opened?.caseId ?? null,
      instrumentKey: body.checklist.instrumentId,
      instrumentVersion: body.checklist.instrumentVersion,
      answersEnc: encryptField(key, JSON.stringify(checked.answers), answersBinding(responseId)),
      acute,
      acuteItemIds: checked.evaluation.acuteItemIds,
      judgement: checked.judgement,
      completedBy: ctx.actor.userId,
    });
  }
  await ctx.audit({
    action: 'call:create',
    recordType: 'call',
    recordId: callId,
    details: { decision: body.decision, acute },
  });
  if (opened) {
    await ctx.audit({
      action: 'case:create',
      recordType: 'case',
      recordId: opened.caseId,
      details: { fromCall: callId, acute },
    });
    if (body.person) await ctx.audit({ action: 'identity:write', recordType: 'case', recordId: opened.caseId });
  }
  return {
    call: { id: callId, decision: body.decision, acute },
    case: opened ? { id: opened.caseId, code: opened.code } : null,
  };
}

/** The call list: when, how, who handled it, what was decided. SECURITY: no identities, no free text. */
export async function listCalls(ctx: ServiceContext, query: CallListQuery) {
  authorize(ctx.actor, 'call:list', programmeOf(ctx.actor));
  const filter = {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? endOfDayIfDate(query.to) : undefined,
    callerType: query.callerType,
    decision: query.decision,
    handlerId: query.handlerId,
  };
  // SECURITY: the list selects no ciphertext and no key: nothing is decrypted for it.
  const page = await keysetPage(
    ctx,
    {
      list: 'calls',
      key: callListKey,
      fetch: (after, limit) => findCalls(ctx.tx, ctx.actor.programmeId, filter, { after, limit }),
      keyOf: (row): CallListKey => [row.receivedAtExact, row.id],
    },
    query,
  );
  await ctx.audit({ action: 'call:list', details: { count: page.items.length } });
  return {
    // The columns hold only what `makeCreateCallBody` let in; the response schema checks it again.
    calls: page.items.map(({ row: r }) => ({
      id: r.id,
      receivedAt: r.receivedAt.toISOString(),
      channel: r.channel as CallChannel,
      callerType: r.callerType as CallerType,
      decision: r.decision as CallDecision,
      handler: { id: r.handlerId, displayName: r.handlerName },
      acute: r.acute,
      caseCode: r.caseCode,
    })),
    next: page.next,
  };
}

/** The key of a call-list cursor: (received_at as exact text, id). A cursor holds only this. */
const callListKey = z.tuple([z.string().max(64), idSchema]);

/** A bare date as the upper bound means the whole of that day. */
function endOfDayIfDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(Date.parse(value) + 86_400_000 - 1) : new Date(value);
}

/** One call with its decrypted summary and checklist; the read is logged. */
export async function getCall(ctx: ServiceContext, callId: string) {
  authorize(ctx.actor, 'call:read', programmeOf(ctx.actor));
  const row = await findCall(ctx.tx, ctx.actor.programmeId, callId);
  if (!row) throw new AppError('not_found');
  const { call } = row;
  const key = unwrapDataKey(ctx.deps.keys.master, call.wrappedKey, callBinding(call.id, 'wrapped_key'));
  const dec = (value: Buffer | null, column: string) =>
    value ? decryptField(key, value, callBinding(call.id, column)) : null;
  const checklist = await checklistOfCall(ctx.tx, call.id);
  await ctx.audit({ action: 'call:read', recordType: 'call', recordId: call.id });
  return {
    id: call.id,
    receivedAt: call.receivedAt.toISOString(),
    channel: call.channel as CallChannel,
    callerType: call.callerType as CallerType,
    decision: call.decision as CallDecision,
    handler: { id: call.handlerUserId, displayName: row.handlerName },
    summary: dec(call.summaryEnc, 'summary_enc'),
    callbackContact: dec(call.callbackContactEnc, 'callback_contact_enc'),
    referral: call.referralOrganisation
      ? { organisationName: call.referralOrganisation, reason: dec(call.referralReasonEnc, 'referral_reason_enc') }
      : null,
    callbackAt: call.callbackAt?.toISOString() ?? null,
    acute: call.acute,
    checklist: checklist
      ? {
          instrumentKey: checklist.instrumentKey,
          instrumentVersion: checklist.instrumentVersion,
          answers: JSON.parse(decryptField(key, checklist.answersEnc, answersBinding(checklist.id))) as Record<
            string,
            string
          >,
          acuteItemIds: checklist.acuteItemIds,
          judgement: checklist.judgement,
        }
      : null,
    case: call.caseId && row.caseCode ? { id: call.caseId, code: row.caseCode } : null,
  };
}

import type { CreateMeetingRecordBody } from '@utvag/domain';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { meetingRecords, meetings, memberships } from '../../db/schema.ts';
import type { ServiceContext } from '../../service-context.ts';
import { requireCase } from '../cases/case-access.ts';
import { validationFaults, type ValidationFault } from '../../http/validation-messages.ts';

// What was said at a meeting with the person: their motivation and situation in their own words.
// SECURITY: the person's own account of their situation names their group, their crimes and who
// threatens them, so it belongs to the threat section: coordinators and the hotline, never partners.

const COLUMNS = {
  othersPresent: 'others_present_enc',
  motivation: 'motivation_enc',
  situation: 'situation_enc',
  explained: 'explained_enc',
} as const;

async function checkReferences(ctx: ServiceContext, caseId: string, body: CreateMeetingRecordBody) {
  const ids = [...new Set(body.participantUserIds)];
  const members = await ctx.tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.programmeId, ctx.actor.programmeId), inArray(memberships.userId, ids)));
  const known = new Set(members.map((m) => m.userId));
  const faults: ValidationFault[] = body.participantUserIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `participantUserIds.${i}`, code: 'unknown_participant' as const }],
  );
  if (body.meetingId !== undefined) {
    const [meeting] = await ctx.tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.id, body.meetingId),
          eq(meetings.programmeId, ctx.actor.programmeId),
          eq(meetings.caseId, caseId),
        ),
      );
    if (!meeting) faults.push({ path: 'meetingId', code: 'unknown_meeting' });
  }
  if (faults.length > 0) throw validationFaults(faults);
}

/** Records what was said at a meeting; every free-text field is encrypted under the case's key. */
export async function recordMeeting(ctx: ServiceContext, caseId: string, body: CreateMeetingRecordBody) {
  const { crypto } = await requireCase(ctx, caseId, 'threat:write');
  await checkReferences(ctx, caseId, body);
  const id = randomUUID();
  const othersPresent = body.othersPresent === '' ? undefined : body.othersPresent;
  await ctx.tx.insert(meetingRecords).values({
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    meetingId: body.meetingId ?? null,
    participantUserIds: [...new Set(body.participantUserIds)],
    othersPresentEnc: crypto.encryptOptional('meeting_records', COLUMNS.othersPresent, id, othersPresent),
    motivationEnc: crypto.encrypt('meeting_records', COLUMNS.motivation, id, body.motivation),
    situationEnc: crypto.encrypt('meeting_records', COLUMNS.situation, id, body.situation),
    explainedEnc: crypto.encrypt('meeting_records', COLUMNS.explained, id, body.explained),
    recordedBy: ctx.actor.userId,
  });
  await ctx.audit({
    action: 'meeting_record:write',
    recordType: 'meeting_record',
    recordId: id,
    details: { caseId },
  });
  return { id };
}

/** The meeting records of a case, decrypted for the team; the read is logged. */
export async function listMeetingRecords(ctx: ServiceContext, caseId: string) {
  const { crypto } = await requireCase(ctx, caseId, 'threat:read');
  const rows = await ctx.tx
    .select()
    .from(meetingRecords)
    .where(and(eq(meetingRecords.programmeId, ctx.actor.programmeId), eq(meetingRecords.caseId, caseId)))
    .orderBy(asc(meetingRecords.createdAt), asc(meetingRecords.id));
  if (rows.length > 0) {
    await ctx.audit({
      action: 'meeting_record:read',
      recordType: 'case',
      recordId: caseId,
      purpose: 'assessment',
      details: { records: rows.length },
    });
  }
  const dec = (row: (typeof rows)[number], column: string, value: Buffer | null) =>
    crypto.decryptOptional('meeting_records', column, row.id, value);
  return rows.map((row) => ({
    id: row.id,
    meetingId: row.meetingId,
    participantUserIds: row.participantUserIds,
    othersPresent: dec(row, COLUMNS.othersPresent, row.othersPresentEnc),
    motivation: dec(row, COLUMNS.motivation, row.motivationEnc),
    situation: dec(row, COLUMNS.situation, row.situationEnc),
    explained: dec(row, COLUMNS.explained, row.explainedEnc),
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  }));
}

import { AppError } from '@utvag/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { decryptField, unwrapDataKey } from '../crypto/field-crypto.ts';

// Decryption of the case sections that are not the person's own identity (see case-crypto.ts).
// SECURITY: callers decide whether the actor may read a section; these functions only decrypt.

const RELATED_COLUMNS = {
  relation: 'relation_enc',
  name: 'name_enc',
  phone: 'phone_enc',
  protectionNeeds: 'protection_needs_enc',
} as const;

type RelatedPersonRow = {
  id: string;
  relationEnc: Buffer | null;
  nameEnc: Buffer | null;
  phoneEnc: Buffer | null;
  protectionNeedsEnc: Buffer | null;
};

/** Related persons decrypted with the case's data key, each field bound to (related_persons, column, row id). */
export function decryptRelatedPersons(dataKey: Buffer, rows: readonly RelatedPersonRow[]) {
  return rows.map((row) => {
    const dec = (value: Buffer | null, column: string) =>
      value === null ? null : decryptField(dataKey, value, { table: 'related_persons', column, rowId: row.id });
    return {
      id: row.id,
      relation: dec(row.relationEnc, RELATED_COLUMNS.relation),
      name: dec(row.nameEnc, RELATED_COLUMNS.name),
      phone: dec(row.phoneEnc, RELATED_COLUMNS.phone),
      protectionNeeds: dec(row.protectionNeedsEnc, RELATED_COLUMNS.protectionNeeds),
    };
  });
}

const answersJson = z.record(z.string(), z.string());

type ChecklistRow = {
  id: string;
  callId: string | null;
  instrumentKey: string;
  instrumentVersion: number;
  answersEnc: Buffer;
  acute: boolean;
  acuteItemIds: string[];
  judgement: string | null;
  createdAt: Date;
  callWrappedKey: Buffer | null;
};

/**
 * Completed checklists with their answers decrypted. The answers were given during a call and
 * are encrypted with that call's data key (unwrapped bound to the call row), not the case's.
 */
export function decryptChecklists(ctx: ServiceContext, rows: readonly ChecklistRow[]) {
  return rows.map((row) => {
    if (row.callId === null || row.callWrappedKey === null) {
      // Every checklist is made during a call; one without is corrupt, and hiding it would hide a threat.
      throw new AppError('internal', { cause: new Error(`checklist ${row.id} has no call key`) });
    }
    const callKey = unwrapDataKey(ctx.deps.keys.master, row.callWrappedKey, {
      table: 'calls',
      column: 'wrapped_key',
      rowId: row.callId,
    });
    const json = decryptField(callKey, row.answersEnc, {
      table: 'checklist_responses',
      column: 'answers_enc',
      rowId: row.id,
    });
    return {
      id: row.id,
      instrumentKey: row.instrumentKey,
      instrumentVersion: row.instrumentVersion,
      answers: answersJson.parse(JSON.parse(json)),
      acute: row.acute,
      acuteItemIds: row.acuteItemIds,
      judgement: row.judgement,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

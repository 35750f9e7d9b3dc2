import { and, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { auditLog, users } from '../../db/schema.ts';
import type { ChainedFields } from './audit-chain.ts';

/** What a search may filter on; dates are ISO dates (whole days) or instants. */
export type AuditFilter = { userId?: string; recordId?: string; from?: string; to?: string };

/** Where a page of the search continues: after this entry's seq, newest first. */
export type AuditListKey = [seq: number];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A date without a time is a whole day where the programmes work.
const LOCAL_ZONE = 'Europe/Stockholm';

function fromBound(from: string): SQL {
  return DATE_ONLY.test(from)
    ? gte(auditLog.at, sql`(${from}::date)::timestamp at time zone ${LOCAL_ZONE}`)
    : gte(auditLog.at, sql`${from}::timestamptz`);
}

function toBound(to: string): SQL {
  return DATE_ONLY.test(to)
    ? lt(auditLog.at, sql`(${to}::date + 1)::timestamp at time zone ${LOCAL_ZONE}`)
    : lte(auditLog.at, sql`${to}::timestamptz`);
}

/**
 * The entries an auditor of `programmeId` may see, newest first.
 * SECURITY: an auditor sees the entries of their own programme, plus the programme-less entries
 * (sign-ins, enrolment, second-factor resets) whose actor, or whose user record, is a current
 * member of that programme. Entries of other programmes and of strangers stay hidden.
 */
export async function searchAuditEntries(
  tx: Tx,
  programmeId: string,
  filter: AuditFilter,
  page: { after: AuditListKey | null; limit: number },
) {
  const members = sql`(select m.user_id from memberships m where m.programme_id = ${programmeId})`;
  const ofThisProgramme = or(
    eq(auditLog.programmeId, programmeId),
    and(
      isNull(auditLog.programmeId),
      or(
        sql`${auditLog.actorUserId} in ${members}`,
        and(eq(auditLog.recordType, 'user'), sql`${auditLog.recordId} in (select user_id::text from ${members} as mm)`),
      ),
    ),
  );
  return tx
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorUserId,
      actorUsername: users.username,
      programmeId: auditLog.programmeId,
      action: auditLog.action,
      outcome: auditLog.outcome,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      purpose: auditLog.purpose,
      recipient: auditLog.recipient,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        ofThisProgramme,
        filter.userId ? eq(auditLog.actorUserId, filter.userId) : undefined,
        filter.recordId ? eq(auditLog.recordId, filter.recordId) : undefined,
        filter.from ? fromBound(filter.from) : undefined,
        filter.to ? toBound(filter.to) : undefined,
        page.after ? lt(auditLog.seq, page.after[0]) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(page.limit);
}

export type AuditEntryRow = Awaited<ReturnType<typeof searchAuditEntries>>[number];

/**
 * `count` fresh audit entry numbers, ascending, in one statement: taken before the entries are
 * written because each MAC covers its number.
 */
export async function nextAuditSeqs(tx: Tx, count: number): Promise<number[]> {
  const next = await tx.execute<{ seq: string }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, ${count}::int) order by 1`,
  );
  return next.rows.map((r) => Number(r.seq));
}

/**
 * Inserts entries with their MACs in one statement, inside the caller's transaction.
 * SECURITY: only the granted columns are named (0009): xid comes from its default.
 */
export async function insertAuditEntries(
  tx: Tx,
  entries: readonly { fields: ChainedFields; mac: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(
    ({ fields, mac }) =>
      sql`(${fields.seq}, ${fields.at.toISOString()}, ${fields.actorUserId}, ${fields.programmeId}, ${fields.action},
            ${fields.outcome}, ${fields.recordType}, ${fields.recordId}, ${fields.purpose}, ${fields.recipient},
            ${fields.details === null ? null : JSON.stringify(fields.details)}::jsonb, ${mac})`,
  );
  await tx.execute(sql`insert into audit_log
    (seq, at, actor_user_id, programme_id, action, outcome, record_type, record_id, purpose, recipient, details, mac)
    values ${sql.join(rows, sql`, `)}`);
}

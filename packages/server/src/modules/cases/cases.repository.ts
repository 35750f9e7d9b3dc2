import { and, asc, eq, getTableColumns, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { afterKey, exactTimestamp } from '../../db/keyset.ts';
import {
  calls,
  caseEvents,
  caseSequences,
  caseTeamMembers,
  casePersons,
  cases,
  checklistResponses,
  programmes,
  relatedPersons,
  users,
} from '../../db/schema.ts';

/** A case row scoped to the acting programme (row-level security enforces the same). */
export async function findCase(tx: Tx, programmeId: string, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.programmeId, programmeId)));
  return row ?? null;
}

export async function teamOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: caseTeamMembers.userId })
    .from(caseTeamMembers)
    .where(eq(caseTeamMembers.caseId, caseId));
  return rows.map((r) => r.userId);
}

export async function personOf(tx: Tx, caseId: string) {
  const [row] = await tx.select().from(casePersons).where(eq(casePersons.caseId, caseId));
  return row ?? null;
}

/** Where a page of the case list continues: after this case's (created_at, id). */
export type CaseListKey = [createdAt: string, id: string];

/**
 * A page of the cases on whose team the user is, in the acting programme, oldest first. Codes
 * and states only: SECURITY: no key and no ciphertext is selected, so the list cannot decrypt.
 */
export async function casesOnTeam(
  tx: Tx,
  programmeId: string,
  userId: string,
  page: { after: CaseListKey | null; limit: number },
) {
  return tx
    .select({ id: cases.id, code: cases.code, state: cases.state, createdAt: exactTimestamp(cases.createdAt) })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(
      and(
        eq(cases.programmeId, programmeId),
        eq(caseTeamMembers.userId, userId),
        page.after ? afterCase(page.after) : undefined,
      ),
    )
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .limit(page.limit);
}

const afterCase = ([createdAt, id]: CaseListKey) =>
  afterKey([sql`${cases.createdAt}`, sql`${cases.id}`], [sql`${createdAt}::timestamptz`, sql`${id}::uuid`], 'asc');

/** Where a page of the overdue list continues: after this case's (contact_at, id). */
export type OverdueKey = [contactAt: string, id: string];

/**
 * A page of the open cases (not closed or declined) on the user's team with a clock still
 * running, first contact first, with what their clocks need. A case whose two clocks have both
 * stopped can never be late and is not read at all.
 */
export async function openCasesOnTeamForClocks(
  tx: Tx,
  programmeId: string,
  userId: string,
  page: { after: OverdueKey | null; limit: number },
) {
  return tx
    .select({
      id: cases.id,
      code: cases.code,
      contactAt: cases.contactAt,
      contactAtExact: exactTimestamp(cases.contactAt),
      firstMeetingHeldAt: cases.firstMeetingHeldAt,
      assessmentDoneAt: cases.assessmentDoneAt,
    })
    .from(cases)
    .innerJoin(caseTeamMembers, eq(caseTeamMembers.caseId, cases.id))
    .where(
      and(
        eq(cases.programmeId, programmeId),
        eq(caseTeamMembers.userId, userId),
        notInArray(cases.state, ['closed', 'declined']),
        or(isNull(cases.firstMeetingHeldAt), isNull(cases.assessmentDoneAt)),
        page.after
          ? afterKey(
              [sql`${cases.contactAt}`, sql`${cases.id}`],
              [sql`${page.after[0]}::timestamptz`, sql`${page.after[1]}::uuid`],
              'asc',
            )
          : undefined,
      ),
    )
    .orderBy(asc(cases.contactAt), asc(cases.id))
    .limit(page.limit);
}

/** The people in the acting programme whose personnummer has this blind index. */
export async function personsByPersonnummerIndex(tx: Tx, programmeId: string, index: Buffer) {
  return tx
    .select({ id: casePersons.id, caseId: casePersons.caseId })
    .from(casePersons)
    .where(and(eq(casePersons.programmeId, programmeId), eq(casePersons.personnummerIndex, index)));
}

/** Completed checklists of a case with the wrapped key of the call they were made in. */
export async function checklistsOf(tx: Tx, programmeId: string, caseId: string) {
  return tx
    .select({
      id: checklistResponses.id,
      callId: checklistResponses.callId,
      instrumentKey: checklistResponses.instrumentKey,
      instrumentVersion: checklistResponses.instrumentVersion,
      answersEnc: checklistResponses.answersEnc,
      acute: checklistResponses.acute,
      acuteItemIds: checklistResponses.acuteItemIds,
      judgement: checklistResponses.judgement,
      createdAt: checklistResponses.createdAt,
      callWrappedKey: calls.wrappedKey,
    })
    .from(checklistResponses)
    .leftJoin(calls, eq(calls.id, checklistResponses.callId))
    .where(and(eq(checklistResponses.programmeId, programmeId), eq(checklistResponses.caseId, caseId)))
    .orderBy(asc(checklistResponses.createdAt), asc(checklistResponses.id));
}

/**
 * Moves a case from `fromState` to `toState`; false when its state changed meanwhile (a
 * concurrent transition), so two transitions can never both apply to the same state.
 */
export async function updateCaseState(
  tx: Tx,
  input: { programmeId: string; caseId: string; fromState: string; toState: string; assessmentDone: Date | null },
): Promise<boolean> {
  const rows = await tx
    .update(cases)
    .set({
      state: input.toState,
      // The first decision after assessment stops the assessment clock; a later one (after a
      // reopening) does not move it.
      ...(input.assessmentDone
        ? { assessmentDoneAt: sql`coalesce(${cases.assessmentDoneAt}, ${input.assessmentDone})` }
        : {}),
    })
    .where(and(eq(cases.id, input.caseId), eq(cases.programmeId, input.programmeId), eq(cases.state, input.fromState)))
    .returning({ id: cases.id });
  return rows.length > 0;
}

export async function insertCaseEvent(
  tx: Tx,
  values: {
    caseId: string;
    programmeId: string;
    event: string;
    fromState: string | null;
    toState: string;
    byUserId: string;
  },
): Promise<void> {
  await tx.insert(caseEvents).values(values);
}

/** Records that the case's first meeting was held, unless an earlier one already was. */
export async function setFirstMeetingHeld(tx: Tx, programmeId: string, caseId: string, at: Date): Promise<void> {
  await tx
    .update(cases)
    .set({ firstMeetingHeldAt: sql`coalesce(${cases.firstMeetingHeldAt}, ${at})` })
    .where(and(eq(cases.id, caseId), eq(cases.programmeId, programmeId)));
}

// ---- Opening a case (case-opening.ts, case-crypto.ts) ------------------------------------------

/** The programme's code and time zone, for the next case code. */
export async function programmeCodeOf(tx: Tx, programmeId: string) {
  const [programme] = await tx
    .select({ code: programmes.code, timeZone: programmes.timeZone })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return programme;
}

/** Takes the next number of the programme's case sequence for `year`, atomically under concurrency. */
export async function takeCaseNumber(tx: Tx, programmeId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(caseSequences)
    .values({ programmeId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseSequences.programmeId, caseSequences.year],
      set: { last: sql`${caseSequences.last} + 1` },
    })
    .returning({ last: caseSequences.last });
  return row!.last;
}

/** The case's id and wrapped data key (no programme filter: the caller has just created it). */
export async function caseKeyRow(tx: Tx, caseId: string) {
  const [row] = await tx.select({ id: cases.id, wrappedKey: cases.wrappedKey }).from(cases).where(eq(cases.id, caseId));
  return row;
}

export async function insertCaseRow(tx: Tx, values: typeof cases.$inferInsert): Promise<void> {
  await tx.insert(cases).values(values);
}

export async function insertCasePerson(tx: Tx, values: typeof casePersons.$inferInsert): Promise<void> {
  await tx.insert(casePersons).values(values);
}

/** Puts these members on a new case's team; a member already on it stays as they are. */
export async function insertTeamMembers(tx: Tx, rows: (typeof caseTeamMembers.$inferInsert)[]): Promise<void> {
  await tx.insert(caseTeamMembers).values(rows).onConflictDoNothing();
}

export async function insertRelatedPersonRow(tx: Tx, values: typeof relatedPersons.$inferInsert): Promise<void> {
  await tx.insert(relatedPersons).values(values);
}

// ---- Personnummer lookup (case-lookup.ts) ------------------------------------------------------

/** The cases in the programme whose person's personnummer has this blind index: id and code. */
export async function casesByPersonnummerIndex(tx: Tx, programmeId: string, index: Buffer) {
  return tx
    .select({ caseId: cases.id, code: cases.code })
    .from(casePersons)
    .innerJoin(cases, eq(cases.id, casePersons.caseId))
    .where(and(eq(casePersons.programmeId, programmeId), eq(casePersons.personnummerIndex, index)));
}

/** The team members of these cases with their display names and who owns each case. */
export async function teamMembersOfCases(tx: Tx, caseIds: string[]) {
  return tx
    .select({
      caseId: caseTeamMembers.caseId,
      userId: caseTeamMembers.userId,
      isOwner: caseTeamMembers.isOwner,
      displayName: users.displayName,
    })
    .from(caseTeamMembers)
    .innerJoin(users, eq(users.id, caseTeamMembers.userId))
    .where(inArray(caseTeamMembers.caseId, caseIds));
}

// ---- Access facts (case-access.ts) --------------------------------------------------------------

/** A consent of a case as access is judged from it (see assessment/consent-coverage.ts). */
export type ConsentFact = {
  id: string;
  givenAt: Date;
  method: string;
  withdrawnAt: Date | null;
  organisations: { organisationId: string; sections: string[] }[];
};

/** A legal basis of a case as access is judged from it. */
export type LegalBasisFact = {
  id: string;
  organisationId: string;
  basis: string;
  sections: string[];
  validFrom: Date;
  validTo: Date | null;
};

/** What a case's policy resource is built from: its team, consents, legal bases and sealed readers. */
export type AccessFacts = {
  teamUserIds: string[];
  consents: ConsentFact[];
  legalBases: LegalBasisFact[];
  sealedReaders: string[];
};

type JsonConsent = Omit<ConsentFact, 'givenAt' | 'withdrawnAt'> & { givenAt: string; withdrawnAt: string | null };
type JsonLegalBasis = Omit<LegalBasisFact, 'validFrom' | 'validTo'> & { validFrom: string; validTo: string | null };
type RawFacts = { team: string[]; consents: JsonConsent[]; bases: JsonLegalBasis[]; readers: string[] };

/**
 * The access facts of the case whose id is `caseId` (a column), as four correlated subqueries:
 * team, consents with the organisations each covers, legal bases, sealed readers. Scoped to the
 * programme as the separate reads were (row-level security enforces the same).
 */
function accessFactColumns(caseId: SQL, programmeId: string) {
  return {
    team: sql<
      string[]
    >`coalesce((select array_agg(t.user_id::text) from case_team_members t where t.case_id = ${caseId}), '{}')`,
    consents: sql<JsonConsent[]>`coalesce((select json_agg(json_build_object(
        'id', k.id, 'givenAt', k.given_at, 'method', k.method, 'withdrawnAt', k.withdrawn_at,
        'organisations', coalesce((select json_agg(json_build_object('organisationId', o.organisation_id, 'sections', o.sections) order by g.name)
                                     from consent_organisations o join organisations g on g.id = o.organisation_id
                                    where o.consent_id = k.id and o.programme_id = ${programmeId}), '[]'::json))
        order by k.given_at, k.id)
      from consents k where k.programme_id = ${programmeId} and k.case_id = ${caseId}), '[]'::json)`,
    bases: sql<JsonLegalBasis[]>`coalesce((select json_agg(json_build_object(
        'id', b.id, 'organisationId', b.organisation_id, 'basis', b.basis, 'sections', b.sections,
        'validFrom', b.valid_from, 'validTo', b.valid_to) order by b.valid_from, b.id)
      from legal_bases b where b.programme_id = ${programmeId} and b.case_id = ${caseId}), '[]'::json)`,
    readers: sql<string[]>`coalesce((select json_agg(distinct r.reader)
      from identity_links l, jsonb_array_elements_text(l.sealed_reader_ids) as r(reader) where l.case_id = ${caseId}), '[]'::json)`,
  };
}

function accessFactsOf(raw: RawFacts): AccessFacts {
  return {
    teamUserIds: raw.team,
    consents: raw.consents.map((c) => ({
      ...c,
      givenAt: new Date(c.givenAt),
      withdrawnAt: c.withdrawnAt === null ? null : new Date(c.withdrawnAt),
    })),
    legalBases: raw.bases.map((b) => ({
      ...b,
      validFrom: new Date(b.validFrom),
      validTo: b.validTo === null ? null : new Date(b.validTo),
    })),
    sealedReaders: raw.readers,
  };
}

/**
 * The access facts of several cases in one statement whatever their number (a list's batch);
 * every id given has an entry, empty when nothing is recorded. Each table is read once for the
 * whole batch (grouped by case), as the separate reads did, not once per case.
 */
export async function accessFactsOfCases(
  tx: Tx,
  programmeId: string,
  caseIds: readonly string[],
): Promise<Map<string, AccessFacts>> {
  const facts = new Map<string, AccessFacts>();
  if (caseIds.length === 0) return facts;
  const result = await tx.execute<{
    case_id: string;
    team: string[] | null;
    consents: JsonConsent[] | null;
    bases: JsonLegalBasis[] | null;
    readers: string[] | null;
  }>(sql`
    with ids as (select distinct unnest(${sql.param([...caseIds])}::uuid[]) as id)
    select ids.id::text as case_id, t.team, k.consents, b.bases, r.readers
      from ids
      left join (select t.case_id, array_agg(t.user_id::text) as team
                   from case_team_members t where t.case_id in (select id from ids) group by t.case_id) t
        on t.case_id = ids.id
      left join (select k.case_id, json_agg(json_build_object(
                     'id', k.id, 'givenAt', k.given_at, 'method', k.method, 'withdrawnAt', k.withdrawn_at,
                     'organisations', coalesce((select json_agg(json_build_object('organisationId', o.organisation_id,
                                                  'sections', o.sections) order by g.name)
                                                  from consent_organisations o join organisations g on g.id = o.organisation_id
                                                 where o.consent_id = k.id and o.programme_id = ${programmeId}), '[]'::json))
                     order by k.given_at, k.id) as consents
                   from consents k
                  where k.programme_id = ${programmeId} and k.case_id in (select id from ids) group by k.case_id) k
        on k.case_id = ids.id
      left join (select b.case_id, json_agg(json_build_object(
                     'id', b.id, 'organisationId', b.organisation_id, 'basis', b.basis, 'sections', b.sections,
                     'validFrom', b.valid_from, 'validTo', b.valid_to) order by b.valid_from, b.id) as bases
                   from legal_bases b
                  where b.programme_id = ${programmeId} and b.case_id in (select id from ids) group by b.case_id) b
        on b.case_id = ids.id
      left join (select l.case_id, json_agg(distinct r.reader) as readers
                   from identity_links l, jsonb_array_elements_text(l.sealed_reader_ids) as r(reader)
                  where l.case_id in (select id from ids) group by l.case_id) r
        on r.case_id = ids.id`);
  for (const row of result.rows)
    facts.set(
      row.case_id,
      accessFactsOf({
        team: row.team ?? [],
        consents: row.consents ?? [],
        bases: row.bases ?? [],
        readers: row.readers ?? [],
      }),
    );
  return facts;
}

/** A case row scoped to the acting programme with its access facts, in one statement; null when none. */
export async function findCaseWithAccessFacts(tx: Tx, programmeId: string, caseId: string) {
  const [row] = await tx
    .select({ row: getTableColumns(cases), ...accessFactColumns(sql`${cases.id}`, programmeId) })
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.programmeId, programmeId)));
  if (!row) return null;
  const { row: caseRow, ...raw } = row;
  return { row: caseRow, facts: accessFactsOf(raw) };
}

// ---- The case view's parts (cases.service.ts: caseView) ----------------------------------------

const hex = (value: string | null) => (value === null ? null : Buffer.from(value, 'hex'));
const date = (value: string | null) => (value === null ? null : new Date(value));

type JsonPerson = {
  id: string;
  nameEnc: string | null;
  personnummerEnc: string | null;
  phoneEnc: string | null;
  addressEnc: string | null;
};
type JsonRelated = {
  id: string;
  relationEnc: string | null;
  nameEnc: string | null;
  phoneEnc: string | null;
  protectionNeedsEnc: string | null;
};
type JsonChecklist = {
  id: string;
  callId: string | null;
  instrumentKey: string;
  instrumentVersion: number;
  answersEnc: string;
  acute: boolean;
  acuteItemIds: string[];
  judgement: string | null;
  createdAt: string;
  callWrappedKey: string | null;
};
type JsonMeeting = {
  id: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  heldAt: string | null;
  staffUserId: string;
  staffDisplayName: string;
  placeId: string;
  placeWrappedKey: string;
  placeNameEnc: string;
};

/**
 * What the case view shows besides the case row, in one statement: the programme's clock
 * settings, the meetings that were not cancelled (earliest first, each place's wrapped key and
 * encrypted name, never its address), and only when asked for, the person and related persons
 * (ciphertext under the case key) and the completed checklists with their call's wrapped key.
 * SECURITY: a section not asked for is not selected at all (null), so it cannot be decrypted.
 * Scoped to the acting programme as the separate reads were (row-level security enforces the same).
 */
export async function caseViewParts(
  tx: Tx,
  programmeId: string,
  caseId: string,
  read: { identity: boolean; threats: boolean },
) {
  const [row] = await tx
    .select({
      firstMeetingSameDay: programmes.firstMeetingSameDay,
      assessmentDays: programmes.assessmentDays,
      timeZone: programmes.timeZone,
      person: read.identity
        ? sql<JsonPerson | null>`(select json_build_object('id', p.id, 'nameEnc', encode(p.name_enc, 'hex'),
              'personnummerEnc', encode(p.personnummer_enc, 'hex'), 'phoneEnc', encode(p.phone_enc, 'hex'),
              'addressEnc', encode(p.address_enc, 'hex'))
            from case_persons p where p.case_id = ${caseId} limit 1)`
        : sql<null>`null`,
      relatedPersons: read.identity
        ? sql<JsonRelated[]>`coalesce((select json_agg(json_build_object('id', r.id,
              'relationEnc', encode(r.relation_enc, 'hex'), 'nameEnc', encode(r.name_enc, 'hex'),
              'phoneEnc', encode(r.phone_enc, 'hex'), 'protectionNeedsEnc', encode(r.protection_needs_enc, 'hex'))
              order by r.created_at, r.id)
            from related_persons r where r.programme_id = ${programmeId} and r.case_id = ${caseId}), '[]'::json)`
        : sql<null>`null`,
      checklists: read.threats
        ? sql<JsonChecklist[]>`coalesce((select json_agg(json_build_object('id', x.id, 'callId', x.call_id,
              'instrumentKey', x.instrument_key, 'instrumentVersion', x.instrument_version,
              'answersEnc', encode(x.answers_enc, 'hex'), 'acute', x.acute, 'acuteItemIds', x.acute_item_ids,
              'judgement', x.judgement, 'createdAt', x.created_at, 'callWrappedKey', encode(k.wrapped_key, 'hex'))
              order by x.created_at, x.id)
            from checklist_responses x left join calls k on k.id = x.call_id
            where x.programme_id = ${programmeId} and x.case_id = ${caseId}), '[]'::json)`
        : sql<null>`null`,
      meetings: sql<JsonMeeting[]>`coalesce((select json_agg(json_build_object('id', m.id, 'kind', m.kind,
            'status', m.status, 'startsAt', m.starts_at, 'endsAt', m.ends_at, 'heldAt', m.held_at,
            'staffUserId', m.staff_user_id, 'staffDisplayName', u.display_name, 'placeId', pl.id,
            'placeWrappedKey', encode(pl.wrapped_key, 'hex'), 'placeNameEnc', encode(pl.name_enc, 'hex'))
            order by m.starts_at)
          from meetings m join users u on u.id = m.staff_user_id join meeting_places pl on pl.id = m.place_id
          where m.programme_id = ${programmeId} and m.case_id = ${caseId} and m.status <> 'cancelled'), '[]'::json)`,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!row) return null;
  return {
    settings: {
      firstMeetingSameDay: row.firstMeetingSameDay,
      assessmentDays: row.assessmentDays,
      timeZone: row.timeZone,
    },
    person: row.person && {
      id: row.person.id,
      nameEnc: hex(row.person.nameEnc),
      personnummerEnc: hex(row.person.personnummerEnc),
      phoneEnc: hex(row.person.phoneEnc),
      addressEnc: hex(row.person.addressEnc),
    },
    relatedPersons:
      row.relatedPersons?.map((r) => ({
        id: r.id,
        relationEnc: hex(r.relationEnc),
        nameEnc: hex(r.nameEnc),
        phoneEnc: hex(r.phoneEnc),
        protectionNeedsEnc: hex(r.protectionNeedsEnc),
      })) ?? null,
    checklists:
      row.checklists?.map((c) => ({
        ...c,
        answersEnc: hex(c.answersEnc)!,
        createdAt: new Date(c.createdAt),
        callWrappedKey: hex(c.callWrappedKey),
      })) ?? null,
    meetings: row.meetings.map((m) => ({
      id: m.id,
      kind: m.kind,
      status: m.status,
      startsAt: new Date(m.startsAt),
      endsAt: new Date(m.endsAt),
      heldAt: date(m.heldAt),
      staffUserId: m.staffUserId,
      staffDisplayName: m.staffDisplayName,
      place: { id: m.placeId, wrappedKey: hex(m.placeWrappedKey)!, nameEnc: hex(m.placeNameEnc)!, addressEnc: null },
    })),
  };
}

import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns.ts';
import { programmeIdColumn } from './owned-columns.ts';
import { cases, users } from './core.table.ts';

// Tables of the hotline intake: calls, threat checklists, duty, places, meetings.
// SECURITY: every free text and every field that identifies or locates a person is ciphertext.

const programmeId = programmeIdColumn;

/** The last case sequence number handed out per programme and year (codes like STHLM-2026-0007). */
export const caseSequences = pgTable(
  'case_sequences',
  { programmeId: programmeId(), year: integer('year').notNull(), last: integer('last').notNull() },
  (t) => [primaryKey({ columns: [t.programmeId, t.year] })],
);

/** Instruments an administrator imported (built-in instruments live in packages/domain). */
export const instruments = pgTable(
  'instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    definition: jsonb('definition').notNull(),
    importedBy: uuid('imported_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('instruments_key_version_idx').on(t.programmeId, t.key, t.version)],
);

/** Every call to the hotline, including the ones that lead nowhere. */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    callerType: text('caller_type').notNull(),
    handlerUserId: uuid('handler_user_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision').notNull(),
    /** The call's own data key, wrapped by the master key. */
    wrappedKey: bytea('wrapped_key').notNull(),
    summaryEnc: bytea('summary_enc'),
    callbackContactEnc: bytea('callback_contact_enc'),
    referralOrganisation: text('referral_organisation'),
    referralReasonEnc: bytea('referral_reason_enc'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    acute: boolean('acute').notNull().default(false),
    caseId: uuid('case_id').references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [
    // The call list's keyset (newest first) and its handler filter (decision 014).
    index('calls_programme_received_id_idx').on(t.programmeId, t.receivedAt, t.id),
    index('calls_handler_received_idx').on(t.handlerUserId, t.receivedAt, t.id),
    index('calls_case_idx').on(t.caseId),
  ],
);

/** A completed checklist; it keeps the instrument version it was made with. Answers are ciphertext. */
export const checklistResponses = pgTable(
  'checklist_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    callId: uuid('call_id').references(() => calls.id),
    caseId: uuid('case_id').references(() => cases.id),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    /** JSON of item id → answer, encrypted with the call's data key. */
    answersEnc: bytea('answers_enc').notNull(),
    acute: boolean('acute').notNull().default(false),
    acuteItemIds: jsonb('acute_item_ids').$type<string[]>().notNull(),
    judgement: text('judgement'),
    completedBy: uuid('completed_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('checklist_case_idx').on(t.caseId), index('checklist_call_idx').on(t.callId)],
);

/** Relatives and others around the person, with their own protection needs; never mixed with the person. */
export const relatedPersons = pgTable('related_persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  programmeId: programmeId(),
  relationEnc: bytea('relation_enc'),
  nameEnc: bytea('name_enc'),
  phoneEnc: bytea('phone_enc'),
  protectionNeedsEnc: bytea('protection_needs_enc'),
  createdAt: createdAt(),
});

/** The duty roster (jourschema): who is on call when. */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('duty_programme_time_idx').on(t.programmeId, t.startsAt)],
);

/** Places where first meetings can be held. Sensitive: name and address are ciphertext. */
export const meetingPlaces = pgTable('meeting_places', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  wrappedKey: bytea('wrapped_key').notNull(),
  nameEnc: bytea('name_enc').notNull(),
  addressEnc: bytea('address_enc'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** When staff are available for meetings. */
export const staffAvailability = pgTable(
  'staff_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('availability_programme_time_idx').on(t.programmeId, t.startsAt)],
);

/** Booked meetings with a case (the first meeting, later others). */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => meetingPlaces.id),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull().default('booked'),
    heldAt: timestamp('held_at', { withTimezone: true }),
    bookedBy: uuid('booked_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('meetings_programme_time_idx').on(t.programmeId, t.startsAt), index('meetings_case_idx').on(t.caseId)],
);

/** Every lifecycle transition of a case: the history stays whole through reopening. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    programmeId: programmeId(),
    event: text('event').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId)],
);

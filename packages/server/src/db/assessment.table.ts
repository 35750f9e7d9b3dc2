import {
  date,
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
import { programmeIdColumn, caseIdColumn, userRefColumn } from './owned-columns.ts';
import { meetings } from './intake.table.ts';
import { organisations } from './core.table.ts';

// Tables of the assessment: first-meeting records, consent and legal bases, conditions,
// eligibility decisions, risk analyses, incidents and the threat-actor registry.
// SECURITY: free text and everything identifying a person is ciphertext under the case's key.

const programmeId = programmeIdColumn;
const caseId = caseIdColumn;
const byUser = userRefColumn;

/** What was said at a first (or later) meeting: motivation and situation in the person's words. */
export const meetingRecords = pgTable('meeting_records', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  meetingId: uuid('meeting_id').references(() => meetings.id),
  participantUserIds: jsonb('participant_user_ids').$type<string[]>().notNull(),
  othersPresentEnc: bytea('others_present_enc'),
  motivationEnc: bytea('motivation_enc'),
  situationEnc: bytea('situation_enc'),
  explainedEnc: bytea('explained_enc'),
  recordedBy: byUser('recorded_by').notNull(),
  createdAt: createdAt(),
});

/** Uploaded documents (a signed consent scanned): name and content are ciphertext. */
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  filenameEnc: bytea('filename_enc').notNull(),
  contentEnc: bytea('content_enc').notNull(),
  uploadedBy: byUser('uploaded_by').notNull(),
  createdAt: createdAt(),
});

/** The person's written consent to share information, per organisation and purpose; withdrawable. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    witnessEnc: bytea('witness_enc'),
    attachmentId: uuid('attachment_id').references(() => attachments.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: byUser('withdrawn_by'),
    withdrawalNoteEnc: bytea('withdrawal_note_enc'),
    recordedBy: byUser('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('consents_case_idx').on(t.caseId)],
);

export const consentOrganisations = pgTable(
  'consent_organisations',
  {
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id),
    programmeId: programmeId(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    purposes: text('purposes').notNull(),
    sections: jsonb('sections').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.consentId, t.organisationId] })],
);

/** A named legal provision that lets an organisation see sections without consent. */
export const legalBases = pgTable(
  'legal_bases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    basis: text('basis').notNull(),
    provisionText: text('provision_text'),
    purposesEnc: bytea('purposes_enc'),
    sections: jsonb('sections').$type<string[]>().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    recordedBy: byUser('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('legal_bases_case_idx').on(t.caseId)],
);

/** The programme's conditions agreement, versioned. */
export const conditionsVersions = pgTable(
  'conditions_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    version: integer('version').notNull(),
    conditions: jsonb('conditions').notNull(),
    createdBy: byUser('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conditions_version_idx').on(t.programmeId, t.version)],
);

export const conditionsSignatures = pgTable('conditions_signatures', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  version: integer('version').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  method: text('method').notNull(),
  witnessEnc: bytea('witness_enc'),
  attachmentId: uuid('attachment_id').references(() => attachments.id),
  recordedBy: byUser('recorded_by').notNull(),
  createdAt: createdAt(),
});

/** The eligibility decision: each criterion answered with grounds (ciphertext), who decided and why. */
export const eligibilityDecisions = pgTable('eligibility_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  outcome: text('outcome').notNull(),
  answersEnc: bytea('answers_enc').notNull(),
  reasonEnc: bytea('reason_enc'),
  referredTo: text('referred_to'),
  decidedBy: byUser('decided_by').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A structured risk analysis; its content (ratings, evidence, scenarios, plan) is ciphertext. */
export const riskAnalyses = pgTable(
  'risk_analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    contentEnc: bytea('content_enc').notNull(),
    judgement: text('judgement').notNull(),
    nextReviewOn: date('next_review_on').notNull(),
    previousId: uuid('previous_id'),
    createdBy: byUser('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('risk_case_idx').on(t.caseId), index('risk_review_idx').on(t.programmeId, t.nextReviewOn)],
);

/** Things that make a re-assessment due: a new threat incident, a move, a relapse. */
export const caseIncidents = pgTable('case_incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  kind: text('kind').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  noteEnc: bytea('note_enc'),
  recordedBy: byUser('recorded_by').notNull(),
  createdAt: createdAt(),
});

/** Criminal groups and networks known to the programme (reused across cases). */
export const threatGroups = pgTable('threat_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Where a group is known to be present (for the placement-conflict check). */
export const groupPresence = pgTable(
  'group_presence',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => threatGroups.id),
    programmeId: programmeId(),
    municipality: text('municipality').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.municipality] })],
);

/** Rivalries between groups, stored once with group_a < group_b. */
export const rivalries = pgTable(
  'rivalries',
  {
    programmeId: programmeId(),
    groupA: uuid('group_a')
      .notNull()
      .references(() => threatGroups.id),
    groupB: uuid('group_b')
      .notNull()
      .references(() => threatGroups.id),
  },
  (t) => [primaryKey({ columns: [t.groupA, t.groupB] })],
);

/** Persons who threaten; identity is ciphertext under the record's own key. */
export const threatPersons = pgTable('threat_persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  groupId: uuid('group_id').references(() => threatGroups.id),
  wrappedKey: bytea('wrapped_key').notNull(),
  nameEnc: bytea('name_enc').notNull(),
  aliasEnc: bytea('alias_enc'),
  notesEnc: bytea('notes_enc'),
  createdAt: createdAt(),
});

/** Links between a case and groups or threatening persons. */
export const caseActorLinks = pgTable(
  'case_actor_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    groupId: uuid('group_id').references(() => threatGroups.id),
    threatPersonId: uuid('threat_person_id').references(() => threatPersons.id),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('actor_links_case_idx').on(t.caseId)],
);

/** A coordinator's emergency access to a case outside their team: time-limited and loud. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    userId: byUser('user_id').notNull(),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('break_glass_user_idx').on(t.userId, t.caseId)],
);

// The core tables: who is who, sign-in, cases and their teams, and the audit log. Tables of later
// features sit in their own *.table.ts files and import these; schema.ts only gathers them all.

import { sql } from 'drizzle-orm';
import { bytea, createdAt, xid8 } from './columns.ts';
import {
  bigint,
  bigserial,
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

// ---- Who is who ------------------------------------------------------------------------------

/** A regional exit programme: the tenant every case belongs to. */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** When true only passkeys are accepted as second factor (phishing-resistant sign-in). */
  requirePhishingResistant: boolean('require_phishing_resistant').notNull().default(false),
  /** Target: the first meeting on the day of contact. */
  firstMeetingSameDay: boolean('first_meeting_same_day').notNull().default(true),
  /** Target: days from the first meeting to a finished assessment. */
  assessmentDays: integer('assessment_days').notNull().default(7),
  timeZone: text('time_zone').notNull().default('Europe/Stockholm'),
  /** Eligibility criteria as programme settings; null means the defaults from the domain. */
  eligibilityCriteria: jsonb('eligibility_criteria'),
  /** Days a case-reading role must have been in force before its holder may break the glass. */
  breakGlassMinRoleDays: integer('break_glass_min_role_days').notNull().default(7),
  createdAt: createdAt(),
});

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** Work e-mail for notifications (never case data). */
  email: text('email'),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** invited → active → deactivated */
  status: text('status').notNull().default('invited'),
  passwordHash: text('password_hash'),
  /** TOTP secret, encrypted with the server's master key (AAD binds it to the user). */
  totpSecretEnc: bytea('totp_secret_enc'),
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.programmeId, t.role] }),
    // The administrator's user list is read by programme (decision 014).
    index('memberships_programme_user_idx').on(t.programmeId, t.userId),
  ],
);

/**
 * A case-reading role an administrator granted, waiting for a coordinator of the programme to
 * confirm it. SECURITY: separation of duties (decision 010) — a row here grants nothing; only
 * the confirmation moves it into `memberships`, whose `created_at` is then when the role took effect.
 */
export const pendingMemberships = pgTable(
  'pending_memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    role: text('role').notNull(),
    /** The administrator who asked for it: never the one who may confirm it. */
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.programmeId, t.role] }),
    index('pending_memberships_programme_user_idx').on(t.programmeId, t.userId),
  ],
);

// ---- Sign-in ---------------------------------------------------------------------------------

/** One-time links: first-run setup, enrolment of an invited user, second-factor reset. */
export const enrolmentTokens = pgTable('enrolment_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: bytea('token_hash').notNull().unique(),
  purpose: text('purpose').notNull(),
  userId: uuid('user_id').references(() => users.id),
  /** Pending state of the enrolment (WebAuthn challenge, TOTP secret awaiting confirmation). */
  pending: jsonb('pending'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    publicKey: bytea('public_key').notNull(),
    counter: integer('counter').notNull().default(0),
    transports: jsonb('transports').$type<string[]>(),
    createdAt: createdAt(),
  },
  // The user list asks of each user on a page whether they have a passkey (decision 014).
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  codeHash: bytea('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: bytea('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** 'password' after the first factor, 'full' after the second. */
    stage: text('stage').notNull(),
    programmeId: uuid('programme_id').references(() => programmes.id),
    /** Pending WebAuthn challenge for the second factor. */
    challenge: text('challenge'),
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins per key: `account:<hmac of username>` and `address:<hmac of client address>`.
 * Unknown usernames are counted exactly like known ones, so lockout reveals nothing.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

// ---- Cases (programme-owned, row-level security) ---------------------------------------------

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** Pseudonymous case code: programme prefix, year, sequence. Never derived from the person. */
    code: text('code').notNull(),
    state: text('state').notNull(),
    /** The case's data key, wrapped (AES-256-GCM) by the master key. Deleting it shreds the case. */
    wrappedKey: bytea('wrapped_key').notNull(),
    /** First contact (the call that opened the case): starts the first-meeting clock. */
    contactAt: timestamp('contact_at', { withTimezone: true }).notNull().defaultNow(),
    firstMeetingHeldAt: timestamp('first_meeting_held_at', { withTimezone: true }),
    assessmentDoneAt: timestamp('assessment_done_at', { withTimezone: true }),
    /** An acute answer in a threat checklist raised the alarm on this case. */
    acute: boolean('acute').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('cases_programme_code_idx').on(t.programmeId, t.code),
    index('cases_programme_state_idx').on(t.programmeId, t.state),
  ],
);

export const caseTeamMembers = pgTable(
  'case_team_members',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    isOwner: boolean('is_owner').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    // A user's case list and home start from their team memberships (decision 014).
    index('case_team_user_idx').on(t.userId, t.caseId),
  ],
);

/** The person a case is about. Every identifying field is ciphertext under the case's data key. */
export const casePersons = pgTable(
  'case_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    nameEnc: bytea('name_enc'),
    personnummerEnc: bytea('personnummer_enc'),
    /** Keyed HMAC of the normalised personnummer: lookup without the clear value. */
    personnummerIndex: bytea('personnummer_index'),
    phoneEnc: bytea('phone_enc'),
    addressEnc: bytea('address_enc'),
    createdAt: createdAt(),
  },
  (t) => [index('case_persons_pnr_idx').on(t.programmeId, t.personnummerIndex)],
);

// ---- Audit -----------------------------------------------------------------------------------

/**
 * Append-only access log. Never holds personal data itself. An entry is written in the
 * transaction of the action it records, with a MAC of its contents under a key outside the
 * database, and no lock: the sealer later appends it to `audit_chain` (decision 008).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** The entry's number, taken when it is written. Rolled-back transactions leave gaps. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    programmeId: uuid('programme_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    recordType: text('record_type'),
    recordId: text('record_id'),
    purpose: text('purpose'),
    recipient: text('recipient'),
    /** Non-personal context (e.g. reason codes, hashed client address). */
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
    /** HMAC-SHA-256 of the canonical entry (seq included) under the audit-entry key; null before 008. */
    mac: text('mac'),
    /** The writing transaction: the sealer takes an entry only once that transaction has ended. */
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    /** The bare SHA-256 chain of decision 004, kept for entries written before 008. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_actor_idx').on(t.actorUserId, t.at),
    index('audit_record_idx').on(t.recordId),
    index('audit_at_idx').on(t.at),
    index('audit_xid_idx').on(t.xid),
    // The auditor's search, newest first within a programme or of one user (decision 014).
    index('audit_programme_seq_idx').on(t.programmeId, t.seq),
    index('audit_actor_seq_idx').on(t.actorUserId, t.seq),
  ],
);

/**
 * The keyed chain: one row per sealed entry, appended by exactly one sealer at a time, in the
 * order it saw the entries' transactions end. Insert-only like the log.
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    /** 1, 2, 3, … with no gaps. */
    position: bigint('position', { mode: 'number' }).primaryKey(),
    entrySeq: bigint('entry_seq', { mode: 'number' }).notNull(),
    /** The sealing pass's horizon: every entry written by a transaction below it is sealed. */
    horizon: xid8('horizon').notNull(),
    /** HMAC-SHA-256 under the audit-chain key over the previous mac, the position and the entry. */
    mac: text('mac').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_chain_entry_idx').on(t.entrySeq)],
);

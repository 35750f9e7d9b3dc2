import { date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns.ts';
import { programmeIdColumn, caseIdColumn } from './owned-columns.ts';
import { users } from './core.table.ts';

// Tables of protection. SECURITY: the protected address is the most sensitive field in the
// system: ciphertext under the case's key, never listed, mailed, exported or put in a calendar.

const programmeId = programmeIdColumn;
const caseId = caseIdColumn;

/** Protected housing placements and their relocation history. */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    providerKind: text('provider_kind').notNull(),
    // SECURITY: where a protected person lives is protection data. The provider, its IVO permit
    // and the municipality are ciphertext under the case's key like the address; the
    // placement-conflict check finds placements in a municipality by a keyed blind index.
    providerNameEnc: bytea('provider_name_enc').notNull(),
    ivoPermitEnc: bytea('ivo_permit_enc'),
    municipalityEnc: bytea('municipality_enc').notNull(),
    municipalityIndex: bytea('municipality_index').notNull(),
    addressEnc: bytea('address_enc').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    costPerDayOre: integer('cost_per_day_ore').notNull(),
    status: text('status').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('placements_case_idx').on(t.caseId),
    index('placements_municipality_idx').on(t.programmeId, t.municipalityIndex),
  ],
);

/** Applications for protected personal data and their decisions. */
export const protectedDataApplications = pgTable('protected_data_applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  kind: text('kind').notNull(),
  authority: text('authority').notNull(),
  status: text('status').notNull(),
  appliedOn: date('applied_on').notNull(),
  decidedOn: date('decided_on'),
  createdAt: createdAt(),
});

/** The sealed link between an old and a fictitious identity: named readers only, every view logged. */
export const identityLinks = pgTable(
  'identity_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: programmeId(),
    caseId: caseId(),
    linkEnc: bytea('link_enc').notNull(),
    sealedReaderIds: jsonb('sealed_reader_ids').$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  // Every case read asks who the sealed readers are (decision 018): without it each read scans the table.
  (t) => [index('identity_links_case_idx').on(t.caseId)],
);

/** Other protective measures: contact ban, safety alarm, police measures. */
export const protectiveMeasures = pgTable('protective_measures', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: programmeId(),
  caseId: caseId(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  startsOn: date('starts_on'),
  endsOn: date('ends_on'),
  noteEnc: bytea('note_enc'),
  createdAt: createdAt(),
});

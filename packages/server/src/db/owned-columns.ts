import { uuid } from 'drizzle-orm/pg-core';
import { cases, programmes, users } from './core.table.ts';

// Columns every programme-owned table repeats (the references point at the core tables).

/** The owning programme: row-level security compares it with the acting programme. */
export const programmeIdColumn = () =>
  uuid('programme_id')
    .notNull()
    .references(() => programmes.id);

/** The case a row belongs to. */
export const caseIdColumn = () =>
  uuid('case_id')
    .notNull()
    .references(() => cases.id);

/** A user who did something (recorded by, decided by …). */
export const userRefColumn = (name: string) => uuid(name).references(() => users.id);

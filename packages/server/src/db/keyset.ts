import { sql, type SQL } from 'drizzle-orm';

// Keyset pagination in SQL (decision 014): a page continues strictly after the last row of the
// one before, compared as a row value on the list's sort key, so no offset is ever counted off and
// a row inserted meanwhile cannot push another onto two pages. The sort key always ends in a
// unique column (an id), so the order is total and stable.

/**
 * `(c1, c2, …) > (v1, v2, …)` for an ascending list, `<` for a descending one. Every column of a
 * key sorts in the same direction, so PostgreSQL walks one composite index to the page.
 */
export function afterKey(columns: readonly SQL[], values: readonly SQL[], direction: 'asc' | 'desc'): SQL {
  const op = direction === 'asc' ? sql`>` : sql`<`;
  return sql`(${sql.join([...columns], sql`, `)}) ${op} (${sql.join([...values], sql`, `)})`;
}

/**
 * A timestamp as exact text (microseconds and offset), for a cursor. A JavaScript Date keeps only
 * milliseconds: a key cut to them would repeat or skip rows written within the same millisecond.
 */
export function exactTimestamp(column: SQL | { getSQL(): SQL }): SQL<string> {
  return sql<string>`${column}::text`;
}

import { z } from 'zod';

// Keyset pagination, the one way every list is paged (decision 014). A page answers with its rows
// under the list's own key and `next`: an opaque cursor for the page after it, or null at the end.
// The client hands `next` back unchanged as `cursor`; it never builds, reads or orders by one.

/** Rows per page when the client does not say. */
export const PAGE_DEFAULT_LIMIT = 50;
/** The most rows one page may hold. */
export const PAGE_MAX_LIMIT = 200;

/**
 * An opaque cursor as the server writes it (base64url, authenticated and encrypted). Only its
 * alphabet and length are checked here; whether it is genuine is the server's to judge.
 */
export const pageCursor = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'cursor_format');

/** The paging part of a list's query string: where to continue and how many rows. */
export const pageQuery = z.object({
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_DEFAULT_LIMIT),
});
/** The paging part of a list's query string. */
export type PageQuery = z.infer<typeof pageQuery>;

/** The cursor of the page after this one; null when this page is the last. */
export const nextCursor = pageCursor.nullable();

/**
 * One page of a list: `{ [key]: rows, next }`. The key stays the list's own name (`cases`,
 * `calls`, `entries`), so a page reads like the list it is part of.
 */
export function pageOf<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.object({ [key]: z.array(item), next: nextCursor } as { [P in K]: z.ZodArray<T> } & {
    next: typeof nextCursor;
  });
}

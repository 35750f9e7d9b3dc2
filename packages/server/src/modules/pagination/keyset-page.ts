import type { PageQuery } from '@utvag/domain';
import type { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { decodeCursor, encodeCursor, type CursorScope } from './list-cursor.ts';

// One page of a keyset-paginated list (decision 014). The repository fetches rows strictly after a
// sort key; a service may then keep only some of them (the cases the actor may read, the cases
// with a late clock). The page fills from further batches until it holds `limit` rows or the list
// ends, so a list that filters after SQL still answers full pages and an honest `next`.

/** Batches read for one page before it is answered short, with a `next` to go on from. */
const MAX_BATCHES = 4;

/** How a list is read: its name, its key and how to fetch and judge a batch. */
export type KeysetList<R, K, T extends { row: R }> = {
  /** The list's name, bound into its cursors: a cursor of one list is refused by every other. */
  list: string;
  /** The shape of the sort key inside a cursor. */
  key: z.ZodType<K>;
  /** Up to `limit` rows strictly after `after` (all from the start when null), in the list's order. */
  fetch: (after: K | null, limit: number) => Promise<R[]>;
  /** The sort key of a row. */
  keyOf: (row: R) => K;
  /**
   * The rows of a batch that belong on the page, in order (set-based: one call per batch). By
   * default every row.
   */
  keep?: (rows: R[]) => Promise<T[]>;
};

/** One page and the cursor of the page after it (null at the end). */
export type KeysetPage<T> = { items: T[]; next: string | null };

/** The scope a cursor of `list` is bound to for this actor. */
function scopeOf(ctx: ServiceContext, list: string): CursorScope {
  return { list, programmeId: ctx.actor.programmeId, userId: ctx.actor.userId };
}

/** Reads one page of `spec`'s list for the actor, continuing from `query.cursor`. */
export async function keysetPage<R, K, T extends { row: R }>(
  ctx: ServiceContext,
  spec: KeysetList<R, K, T>,
  query: PageQuery,
): Promise<KeysetPage<T>> {
  const scope = scopeOf(ctx, spec.list);
  const keep = spec.keep ?? (async (rows: R[]) => rows.map((row) => ({ row }) as T));
  let after = query.cursor === undefined ? null : decodeCursor(ctx.deps.keys, scope, spec.key, query.cursor);
  const items: T[] = [];
  // One row more than the page, so a full page knows whether another follows.
  const batchSize = query.limit + 1;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await spec.fetch(after, batchSize);
    items.push(...(await keep(rows)));
    if (items.length > query.limit) {
      const page = items.slice(0, query.limit);
      return { items: page, next: encodeCursor(ctx.deps.keys, scope, spec.keyOf(page.at(-1)!.row)) };
    }
    if (rows.length < batchSize) return { items, next: null };
    after = spec.keyOf(rows.at(-1)!);
  }
  // Many rows in a row were left out: answer what was found and go on after the last row read.
  return { items, next: after === null ? null : encodeCursor(ctx.deps.keys, scope, after) };
}

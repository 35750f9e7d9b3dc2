import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';

/** What a paged list hands its screen: the rows so far and how to get more. */
export type PagedList<T> = {
  items: T[];
  /** True while the first page loads. */
  isPending: boolean;
  error: unknown;
  /** True when the server said another page follows. */
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
};

/** `path` with the cursor of the page to read added (none for the first page). */
function withCursor(path: string, cursor: string | null): string {
  if (cursor === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
}

/**
 * A keyset-paginated list (decision 014), one page at a time, each page parsed with the
 * contract's schema. The cursor is the server's `next`, handed back unchanged: the web app never
 * builds or reads one.
 */
export function usePagedList<S extends z.ZodType<{ next: string | null }>, T>(options: {
  queryKey: readonly unknown[];
  schema: S;
  /** The list's path with its filters and limit; the cursor is added here. */
  path: string;
  /** The rows of one page. */
  rows: (page: z.output<S>) => T[];
  enabled?: boolean;
}): PagedList<T> {
  const query = useInfiniteQuery({
    queryKey: options.queryKey,
    queryFn: ({ pageParam }) => api(options.schema, withCursor(options.path, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last: z.output<S>) => last.next ?? undefined,
    enabled: options.enabled ?? true,
  });
  return {
    items: query.data?.pages.flatMap(options.rows) ?? [],
    isPending: query.isPending && query.fetchStatus !== 'idle',
    error: query.error,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    loadingMore: query.isFetchingNextPage,
  };
}

import { z } from 'zod';

/** An ISO 8601 date-time with an offset or Z, as every API time is. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** Route params of the form /:id. */
export const idParams = z.object({ id: z.uuid() });

/** A period in a query string; defaults to today ± a week when left out. */
export const periodQuery = z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() });

/** Parses a period query into dates, `days` on each side of now by default. */
export function periodOf(query: z.infer<typeof periodQuery>, days = 7): { from: Date; to: Date } {
  const now = Date.now();
  return {
    from: query.from ? new Date(query.from) : new Date(now - days * 86400_000),
    to: query.to ? new Date(query.to) : new Date(now + days * 86400_000),
  };
}

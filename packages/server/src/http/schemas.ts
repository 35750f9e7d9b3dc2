import { apiDateTime, idSchema } from '@utvag/domain';
import { z } from 'zod';

/** An ISO 8601 date-time with an offset or Z, in the API's year range, as every API time is. */
export const isoDateTime = apiDateTime;

/** Route params of the form /:id; the id is lower-cased before any use. */
export const idParams = z.object({ id: idSchema });

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

import { z } from 'zod';
import { pageCursor } from '../contract/pagination.contract.ts';
import { apiDateOrDateTime as isoDateOrDateTime, idSchema } from './edge.schemas.ts';

/** An auditor reads long runs of entries: a page may hold more than other lists'. */
export const AUDIT_PAGE_MAX_LIMIT = 500;

/** Query string of searching the audit log, one page at a time; `from` must not be after `to`. */
export const auditSearchQuery = z
  .object({
    userId: idSchema.optional(),
    recordId: idSchema.optional(),
    from: isoDateOrDateTime.optional(),
    to: isoDateOrDateTime.optional(),
    cursor: pageCursor.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX_LIMIT).default(100),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from_after_to',
    path: ['from'],
  });
/** Query string of searching the audit log. */
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

import { z } from 'zod';
import { apiDateOrDateTime as isoDateOrDateTime, idSchema } from './edge.schemas.ts';

/** Query string of searching the audit log; `from` must not be after `to`. */
export const auditSearchQuery = z
  .object({
    userId: idSchema.optional(),
    recordId: idSchema.optional(),
    from: isoDateOrDateTime.optional(),
    to: isoDateOrDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from_after_to',
    path: ['from'],
  });
/** Query string of searching the audit log. */
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

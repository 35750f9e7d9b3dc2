import { z } from 'zod';

/** An ISO 8601 date (`2025-01-31`) or date-time with offset (`2025-01-31T10:00:00Z`). */
const isoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Query string of searching the audit log; `from` must not be after `to`. */
export const auditSearchQuery = z
  .object({
    userId: z.uuid().optional(),
    recordId: z.uuid().optional(),
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

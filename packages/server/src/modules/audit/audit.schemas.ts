import { auditSearchQuery } from '@utvag/domain';
import { z } from 'zod';

/**
 * The id of an audited record. Audit entries name records by opaque ids (UUIDs today, other
 * record kinds may use other codes), so any short token of id characters is accepted.
 * SECURITY: no spaces, no free text: a search box cannot become a way to write prose (or a
 * name) into a query that is itself logged.
 */
export const auditRecordId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'record_id_format');

/** Query string of GET /api/v1/audit/entries: the shared schema, with any record id. */
export const auditEntriesQuery = auditSearchQuery.safeExtend({ recordId: auditRecordId.optional() });
export type AuditEntriesQuery = z.infer<typeof auditEntriesQuery>;

/** One entry as an auditor sees it: the contract's (a page of them is `auditEntriesResponse`). */
export { auditEntryView as auditEntrySchema, type AuditEntryView } from '@utvag/domain';

/** Answer of POST /api/v1/audit/verify: the contract's. */
export { auditVerifyResponse as auditVerifySchema, type AuditVerifyResult as AuditVerifyView } from '@utvag/domain';

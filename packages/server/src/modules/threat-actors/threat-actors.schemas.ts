import { idSchema } from '@utvag/domain';
import { z } from 'zod';

// Response shapes of the threat-actor routes; the bodies are the domain's (threat-actors.ts).

/** Checked after authorization (a read is refused before its input is judged). */
export const placementCheckQuery = z.object({ municipality: z.string().max(100).optional() });

const bilingual = z.object({ sv: z.string(), en: z.string() });

export const threatGroupView = z.object({
  id: idSchema,
  name: z.string(),
  municipalities: z.array(z.string()),
  rivalGroupIds: z.array(idSchema),
});
export const threatPersonView = z.object({
  id: idSchema,
  groupId: idSchema.nullable(),
  name: z.string(),
  alias: z.string().nullable(),
});
export const actorLinkView = z.object({
  id: idSchema,
  kind: z.string(),
  group: z.object({ id: idSchema, name: z.string() }).nullable(),
  threatPerson: z
    .object({ id: idSchema, name: z.string(), alias: z.string().nullable(), groupId: idSchema.nullable() })
    .nullable(),
  createdAt: z.string(),
});
/**
 * One placement warning. SECURITY: never another client's identity; `caseCode` only when the
 * reader is on that other case's team.
 */
export const placementWarning = z.object({
  code: z.string(),
  message: bilingual,
  groupId: idSchema.nullable(),
  groupName: z.string().nullable(),
  caseCode: z.string().nullable(),
});

import { z } from 'zod';
import { idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';

// The threat-actor registry, the case's links to it and the placement-conflict check. The
// request bodies' field rules are the domain's (threat-actors.ts); the answers are described here.

const bilingual = z.object({ sv: z.string(), en: z.string() });

/** A criminal group or network, with where it is known to be and its rivals. */
export const threatGroupView = z.object({
  id: idSchema,
  name: z.string(),
  municipalities: z.array(z.string()),
  rivalGroupIds: z.array(idSchema),
});
/** A criminal group or network. */
export type ThreatGroupView = z.infer<typeof threatGroupView>;

/** A person who threatens. SECURITY: shown only to those the server lets read the registry. */
export const threatPersonView = z.object({
  id: idSchema,
  groupId: idSchema.nullable(),
  name: z.string(),
  alias: z.string().nullable(),
});
/** A person who threatens. */
export type ThreatPersonView = z.infer<typeof threatPersonView>;

/** A threatening person with the registry's notes on them. */
export const threatPersonDetail = threatPersonView.extend({ notes: z.string().nullable() });

/** A link between the case and a group or person. */
export const actorLinkView = z.object({
  id: idSchema,
  kind: z.string(),
  group: z.object({ id: idSchema, name: z.string() }).nullable(),
  threatPerson: z
    .object({ id: idSchema, name: z.string(), alias: z.string().nullable(), groupId: idSchema.nullable() })
    .nullable(),
  createdAt: isoInstant,
});
/** A link between the case and a group or person. */
export type ActorLink = z.infer<typeof actorLinkView>;

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
/** One placement warning. */
export type PlacementWarning = z.infer<typeof placementWarning>;

/** Two rival groups. */
export const rivalryView = z.object({ groupA: idSchema, groupB: idSchema });

/** Body of recording that a group is present in a municipality. */
export const groupPresenceBody = z.strictObject({ municipality: z.string().trim().min(1).max(100) });

/** Query of the placement check; checked after authorization (a read is refused before its input is judged). */
/** The municipality considered for a placement: a body, never a query string (it would be logged). */
export const placementCheckBody = z.object({ municipality: z.string().max(100).optional() });

export const threatGroupsResponse = z.object({ groups: z.array(threatGroupView) });
export const threatGroupResponse = z.object({ group: threatGroupView });
export const groupPresenceResponse = z.object({
  presence: z.object({ groupId: idSchema, municipality: z.string() }),
});
export const rivalriesResponse = z.object({ rivalries: z.array(rivalryView) });
export const rivalryResponse = z.object({ rivalry: rivalryView });
export const threatPersonsResponse = z.object({ persons: z.array(threatPersonView) });
export const threatPersonResponse = z.object({ person: threatPersonDetail });
export const actorLinksResponse = z.object({ links: z.array(actorLinkView) });
export const actorLinkResponse = z.object({ link: actorLinkView });
export const placementCheckResponse = z.object({ warnings: z.array(placementWarning) });

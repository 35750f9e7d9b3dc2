import { z } from 'zod';
import { idSchema } from '../schemas/edge.schemas.ts';
import { abilitiesSchema, roleSchema } from '../schemas/common.schemas.ts';
import { isoInstant, programmeRef } from './common.contract.ts';

/** GET /me: who am I, where am I, what may I do. */
export const meResponse = z.object({
  user: z.object({
    id: idSchema,
    username: z.string(),
    displayName: z.string(),
    organisation: z.object({ id: idSchema, name: z.string(), kind: z.string() }),
  }),
  programme: programmeRef.nullable(),
  programmes: z.array(programmeRef.extend({ roles: z.array(roleSchema) })),
  roles: z.array(roleSchema),
  /** Programme actions, and case actions a role holds (see `staffAbilities`): what screens may offer. */
  abilities: abilitiesSchema,
  /** Whether the home screen shows the live case-attention feed (see `showsAttentionFeed`). */
  attentionFeed: z.boolean(),
  session: z.object({
    idleTimeoutSeconds: z.number(),
    absoluteExpiresAt: isoInstant,
    freshSecondFactorUntil: isoInstant.nullable(),
  }),
});
/** GET /me */
export type Me = z.infer<typeof meResponse>;

/** Body of switching the active programme. */
export const switchProgrammeBody = z.object({ programmeId: idSchema });

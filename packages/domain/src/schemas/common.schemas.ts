import { z } from 'zod';
import { ACTIONS } from '../actions.ts';
import { COMPOSITE_ACTIONS } from '../composite-actions.ts';
import { APP_ERROR_CODES } from '../errors.ts';
import { ROLES } from '../roles.ts';
import { idSchema } from './edge.schemas.ts';

/** A role name. */
export const roleSchema = z.enum(ROLES);

/** The `abilities` list that responses carry: actions and the named composite actions of a case. */
export const abilitiesSchema = z.array(z.enum([...ACTIONS, ...COMPOSITE_ACTIONS])).readonly();

/** The body of every error response (see `AppError.toBody`; the error handler sends this shape). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(APP_ERROR_CODES),
    message: z.string(),
    messageKey: z.string(),
    fields: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        messageKey: z.string().optional(),
        messages: z.object({ sv: z.string(), en: z.string() }).optional(),
      }),
    ),
  }),
});

/** A UUID path or body parameter, lower-cased (see `idSchema`). */
export const uuidSchema = idSchema;

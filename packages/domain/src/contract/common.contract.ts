import { z } from 'zod';
import { idSchema } from '../schemas/edge.schemas.ts';

// The API contract: each feature's request and response shapes, defined once. The server's routes
// validate, filter and document with them (fastify-type-provider-zod); the web app parses every
// response with the same schema through its one `api(schema, path)` client.

/** An ISO 8601 date-time as every API response writes it (`Date.toISOString()`). */
export const isoInstant = z.string();

/** A 204 answer: no body. */
export const noContent = z.undefined().describe('No content');

/** `{ ok: true }`, the answer of a step that only succeeds. */
export const okResponse = z.object({ ok: z.literal(true) });

/** A programme as a reference inside other answers. */
export const programmeRef = z.object({ id: idSchema, code: z.string(), name: z.string() });
/** A programme as a reference inside other answers. */
export type ProgrammeRef = z.infer<typeof programmeRef>;

/** The body of a write that takes no fields (the web app sends `{}`; none at all is accepted too). */
export const emptyBody = z.object({}).nullish();

/** A text in both interface languages. */
export const bilingualView = z.object({ sv: z.string(), en: z.string() });

/** `{ id }`: the answer of a write that creates one record. */
export const createdResponse = z.object({ id: idSchema });

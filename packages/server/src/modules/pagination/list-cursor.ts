import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@utvag/domain';
import type { z } from 'zod';
import type { Keys } from '../../service-context.ts';

// The list cursor (decision 014): the sort key of the last row of a page, encrypted and
// authenticated (AES-256-GCM) under a key of its own, bound to the list, the programme and the
// user it was written for.
// SECURITY: a sort key can be a name or a time (a username, when a case was opened); encrypted,
// the cursor says nothing in a URL or an access log. Authenticated, it cannot be forged or moved to
// another list, programme or user, so a client cannot page from a key it made up.

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Who a cursor was written for and which list it continues. */
export type CursorScope = { list: string; programmeId: string; userId: string };

function aad(scope: CursorScope): Buffer {
  return Buffer.from(`utvag:cursor:v${VERSION}:${scope.list}:${scope.programmeId}:${scope.userId}`);
}

/** The cursor that continues `scope`'s list after `key`. */
export function encodeCursor(keys: Pick<Keys, 'listCursor'>, scope: CursorScope, key: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.listCursor, iv);
  cipher.setAAD(aad(scope));
  const body = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The refusal of a cursor that is not one this server wrote for this list and user. */
export function invalidCursor(cause: unknown): AppError {
  return new AppError('validation', {
    message: 'The list could not continue from the position given. Reload the list.',
    messageKey: 'errors.invalid_cursor',
    fieldErrors: { cursor: ['errors.invalid_cursor'] },
    cause,
  });
}

/**
 * The sort key in `cursor`, checked against the list's key schema. Anything else (garbled,
 * forged, truncated, written for another list or user, or an old format) is a 422
 * `errors.invalid_cursor`, never a 500.
 */
export function decodeCursor<K>(
  keys: Pick<Keys, 'listCursor'>,
  scope: CursorScope,
  keySchema: z.ZodType<K>,
  cursor: string,
): K {
  let plain: string;
  try {
    const sealed = Buffer.from(cursor, 'base64url');
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('cursor format');
    const decipher = createDecipheriv('aes-256-gcm', keys.listCursor, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(aad(scope));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch (error) {
    throw invalidCursor(error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch (error) {
    throw invalidCursor(error);
  }
  const key = keySchema.safeParse(parsed);
  if (!key.success) throw invalidCursor(key.error);
  return key.data;
}

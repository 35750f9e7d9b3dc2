import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field encryption: AES-256-GCM under a per-record data key, the data key wrapped by the
 * master key. SECURITY: every ciphertext is bound (as additional authenticated data) to its
 * table, column and row, so a value copied to another row or column fails to decrypt.
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type FieldBinding = { table: string; column: string; rowId: string };

function aad(binding: FieldBinding): Buffer {
  // Row ids are UUIDs, which are one id in any letter case: an id typed in upper case in a path
  // must open what was sealed under the lower-case id the database returns.
  return Buffer.from(`utvag:v${VERSION}:${binding.table}:${binding.column}:${binding.rowId.toLowerCase()}`);
}

function seal(key: Buffer, plaintext: Buffer, additional: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additional);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, additional: Buffer): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new Error('Unknown ciphertext format');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(additional);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A fresh random 256-bit data key for one record (a case). */
export function createDataKey(): Buffer {
  return randomBytes(32);
}

/** Wraps a data key under the master key, bound to the record that owns it. */
export function wrapDataKey(master: Buffer, dataKey: Buffer, owner: FieldBinding): Buffer {
  return seal(master, dataKey, aad(owner));
}

/** Unwraps a data key; throws if it was moved to another record or tampered with. */
export function unwrapDataKey(master: Buffer, wrapped: Buffer, owner: FieldBinding): Buffer {
  return open(master, wrapped, aad(owner));
}

/** Encrypts one text field. */
export function encryptField(key: Buffer, plaintext: string, binding: FieldBinding): Buffer {
  return seal(key, Buffer.from(plaintext, 'utf8'), aad(binding));
}

/** Decrypts one text field; throws when the ciphertext does not belong to this binding. */
export function decryptField(key: Buffer, sealed: Buffer, binding: FieldBinding): string {
  return open(key, sealed, aad(binding)).toString('utf8');
}

/** Keyed blind index: equal inputs give equal digests, without the clear value being stored. */
export function blindIndex(key: Buffer, normalisedValue: string, purpose: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\u0000${normalisedValue}`).digest();
}

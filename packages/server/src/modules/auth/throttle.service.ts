import { createHmac } from 'node:crypto';
import { AppError } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import { countFailure, deleteThrottle, throttleRow } from './auth.repository.ts';

export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 20;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** Keys are HMACs, so the table holds neither usernames nor client addresses. */
export function throttleKeys(secret: Buffer, username: string, address: string) {
  const mac = (v: string) => createHmac('sha256', secret).update(v).digest('base64url');
  return { account: `account:${mac(username.trim().toLowerCase())}`, address: `address:${mac(address)}` };
}

/** Refuses the attempt when the account or the address is locked out. */
export async function assertNotLocked(tx: Tx, keys: { account: string; address: string }, now = new Date()) {
  for (const [kind, key] of [
    ['account', keys.account],
    ['address', keys.address],
  ] as const) {
    const row = await throttleRow(tx, key);
    if (row?.lockedUntil && row.lockedUntil > now) {
      throw kind === 'account'
        ? new AppError('locked', {
            message: 'Too many failed sign-ins. The account is locked for 15 minutes.',
            messageKey: 'errors.account_locked',
          })
        : new AppError('rate_limited', { messageKey: 'errors.rate_limited' });
    }
  }
}

/** Counts one failure against both keys, locking a key that reaches its limit. */
export async function recordFailure(tx: Tx, keys: { account: string; address: string }, now = new Date()) {
  for (const [key, limit] of [
    [keys.account, ACCOUNT_MAX_FAILURES],
    [keys.address, ADDRESS_MAX_FAILURES],
  ] as const) {
    const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    await countFailure(tx, key, limit, now, windowStart, new Date(now.getTime() + LOCKOUT_MS));
  }
}

/** A successful sign-in clears the account's count (the address keeps its history). */
export async function clearAccountFailures(tx: Tx, accountKey: string) {
  await deleteThrottle(tx, accountKey);
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { createTestEnv, createUser, signIn, type TestEnv } from './harness.ts';

/**
 * Counts the statements this process sends to PostgreSQL while `fn` runs, keeping those that
 * read the tables a user's row in the list is made of.
 */
async function statementsTouchingUsers(fn: () => Promise<unknown>): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  const tables = /"(users|memberships|pending_memberships|webauthn_credentials|organisations)"/;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    if (text && tables.test(text)) count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}

describe('the administrator’s list of users', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('runs as many queries for twelve users as for two (set-based, no query per user)', async () => {
    const admin = await createUser(t, { roles: ['administrator'] });
    const cookie = await signIn(t, admin);
    await createUser(t, { roles: ['management'], programmeId: admin.programmeId });
    const list = () => api(t).get(cookie, '/api/v1/admin/users');

    const few = await statementsTouchingUsers(list);
    expect((await list()).json().users).toHaveLength(2);
    for (let i = 0; i < 10; i += 1) {
      await createUser(t, { roles: i % 2 ? ['auditor'] : ['management', 'auditor'], programmeId: admin.programmeId });
    }
    const many = await statementsTouchingUsers(list);
    const response = await list();
    expect(response.statusCode).toBe(200);
    const users = response.json().users as { roles: string[]; secondFactors: string[] }[];
    expect(users).toHaveLength(12);
    // Each user still carries their own roles and second factors.
    expect(users.filter((u) => u.roles.length === 2)).toHaveLength(5);
    expect(users.every((u) => u.secondFactors.includes('totp'))).toBe(true);
    expect(many).toBe(few);
  });
});

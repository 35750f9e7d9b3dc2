import { randomInt, randomUUID } from 'node:crypto';
import type { Role } from '@utvag/domain';
import { withTransaction } from '../src/db/database.ts';
import { organisations } from '../src/db/schema.ts';
import { insertCaseWithIdentity, type IdentityInput } from '../src/modules/cases/case-crypto.ts';
import { createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

// The one set of factories of the server tests: organisations, signed-in staff and cases, made
// directly in the database (as the app's own role, under row-level security) where a test is not
// about how they come to be. Users come from harness.ts (`createUser`), requests from api.ts.

/** A text that must never appear outside ciphertext; searched for in logs and tables. */
export const marker = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

/** A new organisation of `kind`; returns its id. */
export async function newOrganisation(t: TestEnv, kind = 'municipality'): Promise<string> {
  const [row] = await withTransaction(t.database.db, {}, (tx) =>
    tx
      .insert(organisations)
      .values({ name: `Org ${randomUUID()}`, kind })
      .returning({ id: organisations.id }),
  );
  return row!.id;
}

/** A user with their session cookie. */
export type Signed = TestUser & { cookie: string };

/** A user with `roles` in `programmeId` (a new programme when undefined), signed in. */
export async function staff(
  t: TestEnv,
  roles: Role[],
  programmeId: string | undefined,
  organisationId?: string,
): Promise<Signed> {
  const user = await createUser(t, {
    roles,
    ...(programmeId ? { programmeId } : {}),
    ...(organisationId ? { organisationId } : {}),
  });
  return { ...user, cookie: await signIn(t, user) };
}

export type NewCaseOptions = {
  state?: string;
  identity?: IdentityInput;
  /** The case code; a random `AS-2030-nnnnnn` by default. */
  code?: string;
  /** The case's owner: the first team member by default; null for a case without one. */
  ownerUserId?: string | null;
};

/** A case in `programmeId` with this team (encrypted identity and all), in `state`; returns its id. */
export async function newCase(
  t: TestEnv,
  programmeId: string,
  teamUserIds: string[],
  options: NewCaseOptions = {},
): Promise<string> {
  const ownerUserId = options.ownerUserId === undefined ? teamUserIds[0] : options.ownerUserId;
  const { caseId } = await withTransaction(t.database.db, { programmeId }, (tx) =>
    insertCaseWithIdentity(tx, t.deps.keys, {
      programmeId,
      code: options.code ?? `AS-2030-${randomInt(100000, 999999)}`,
      state: options.state ?? 'inquiry',
      identity: options.identity ?? { name: 'Person' },
      teamUserIds,
      ...(ownerUserId ? { ownerUserId } : {}),
    }),
  );
  return caseId;
}

import { randomInt, randomUUID } from 'node:crypto';
import type { Role } from '@utvag/domain';
import pg from 'pg';
import { withTransaction } from '../src/db/database.ts';
import { organisations } from '../src/db/schema.ts';
import { insertCaseWithIdentity, type IdentityInput } from '../src/modules/cases/case-crypto.ts';
import { createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

// Shared set-up of the assessment tests (consent, conditions, eligibility, meeting records).

/** A text that must never appear outside ciphertext; searched for in logs and tables. */
export const marker = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

/** Runs SQL as the superuser (outside row-level security): for checks and attacks. */
export async function superQuery<T = Record<string, unknown>>(t: TestEnv, text: string, values: unknown[] = []) {
  const su = new pg.Client({ connectionString: t.superuserUrl });
  await su.connect();
  try {
    return (await su.query(text, values)).rows as T[];
  } finally {
    await su.end();
  }
}

export async function newOrganisation(t: TestEnv, kind = 'municipality'): Promise<string> {
  const [row] = await withTransaction(t.database.db, {}, (tx) =>
    tx
      .insert(organisations)
      .values({ name: `Org ${randomUUID()}`, kind })
      .returning({ id: organisations.id }),
  );
  return row!.id;
}

export type Signed = TestUser & { cookie: string };

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

/** A case in `programmeId` with this team, in `state`; returns its id. */
export async function newCase(
  t: TestEnv,
  programmeId: string,
  teamUserIds: string[],
  options: { state?: string; identity?: IdentityInput } = {},
) {
  const { caseId } = await withTransaction(t.database.db, { programmeId }, (tx) =>
    insertCaseWithIdentity(tx, t.deps.keys, {
      programmeId,
      code: `AS-2030-${randomInt(100000, 999999)}`,
      state: options.state ?? 'inquiry',
      identity: options.identity ?? { name: 'Person' },
      teamUserIds,
      ...(teamUserIds[0] ? { ownerUserId: teamUserIds[0] } : {}),
    }),
  );
  return caseId;
}

/** Request helpers bound to a test environment. */
export function client(t: TestEnv) {
  const send = (method: 'POST' | 'GET', cookie: string | null, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.origin },
      ...(cookie ? { cookies: { utvag_session: cookie } } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    post: (cookie: string | null, url: string, payload: unknown) => send('POST', cookie, url, payload),
    get: (cookie: string | null, url: string) => send('GET', cookie, url),
  };
}

/** A minimal PDF, enough to pass the signature check. */
export const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1').toString('base64');

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import type { LiveEvent } from '../src/modules/notifications/live-events.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

describe('break-the-glass: emergency access to a case outside the team', () => {
  let t: TestEnv;
  let owner: TestUser;
  let outsider: TestUser;
  let officer: TestUser;
  let auditor: TestUser;
  let caseId: string;
  let cookie: string;
  const heard: LiveEvent[] = [];

  const superQuery = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const breakGlass = (as: string, reason: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/break-glass`,
      headers: { origin: t.origin },
      cookies: { utvag_session: as },
      payload: { reason },
    });
  const readCase = (as: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, cookies: { utvag_session: as } });

  beforeAll(async () => {
    t = await createTestEnv();
    owner = await createUser(t, { roles: ['coordinator'] });
    outsider = await createUser(t, { roles: ['coordinator'], programmeId: owner.programmeId });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: owner.programmeId });
    auditor = await createUser(t, { roles: ['auditor'], programmeId: owner.programmeId });
    caseId = (
      await withTransaction(t.database.db, { programmeId: owner.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: owner.programmeId,
          code: 'BG-2026-0001',
          state: 'inquiry',
          identity: { name: 'Nödfall Person' },
          teamUserIds: [owner.id],
          ownerUserId: owner.id,
        }),
      )
    ).caseId;
    t.deps.live.subscribe(owner.id, (e) => heard.push(e));
    t.deps.live.subscribe(auditor.id, (e) => heard.push(e));
    cookie = await signIn(t, outsider);
  });
  afterAll(async () => t.close());

  it('keeps a coordinator outside the team out until they state a reason', async () => {
    expect((await readCase(cookie)).statusCode).toBe(404);
    const tooShort = await breakGlass(cookie, 'akut');
    expect(tooShort.statusCode).toBe(422);
    expect((await readCase(cookie)).statusCode).toBe(404);
  });

  it('refuses a hotline officer with 404, as if the case did not exist', async () => {
    const officerCookie = await signIn(t, officer);
    expect((await breakGlass(officerCookie, 'Behöver se ärendet i natt')).statusCode).toBe(404);
  });

  it('opens the case for a few hours, logs the reason and marks every read, and tells the owner and the auditors', async () => {
    const reason = 'Ägaren nås inte, personen ringer hotad i natt';
    const opened = await breakGlass(cookie, reason);
    expect(opened.statusCode, opened.body).toBe(200);
    const expiresAt = Date.parse(opened.json().expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(3 * 3600_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(4 * 3600_000 + 1000);

    const read = await readCase(cookie);
    expect(read.statusCode).toBe(200);
    expect(read.json().identity.name).toBe('Nödfall Person');

    const grant = await superQuery(
      "select purpose from audit_log where action = 'case:break_glass' and outcome = 'success' and record_id = $1",
      [caseId],
    );
    expect(grant[0].purpose).toBe(reason);
    const reads = await superQuery(
      "select action, details from audit_log where actor_user_id = $1 and record_id = $2 and action in ('case:read', 'identity:read') and outcome = 'success'",
      [outsider.id, caseId],
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) expect(r.details).toMatchObject({ breakGlass: true });

    await expect
      .poll(() =>
        heard
          .filter((e) => e.type === 'break_glass' && e.caseId === caseId)
          .map((e) => e.userId)
          .sort(),
      )
      .toEqual([owner.id, auditor.id].sort());
  });

  it('closes again when the time is up', async () => {
    await superQuery("update break_glass_grants set expires_at = now() - interval '1 minute' where case_id = $1", [
      caseId,
    ]);
    expect((await readCase(cookie)).statusCode).toBe(404);
  });
});

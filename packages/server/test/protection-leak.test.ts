import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { withTransaction } from '../src/db/database.ts';
import { meetings } from '../src/db/schema.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { caseAttentionMail } from '../src/modules/notifications/case-attention.ts';
import { startMailOutbox } from '../src/modules/notifications/mail-outbox.ts';
import type { StaffMail } from '../src/modules/notifications/mailer.ts';
import { filesUnder, scanDataDirectory } from './support.ts';
import { createTestEnv, createUser, signIn, totpNow, type TestEnv, type TestUser } from './harness.ts';

// An attacker's view of the protected address: it is written once, then every way out of the
// system is searched for it — every GET route as every role, the log lines, the e-mails, the
// calendar file, the OpenAPI document and the raw database files. Only the one address view,
// after a fresh second factor, may carry it.

describe('the protected address leaves the system only through its one view', () => {
  let t: TestEnv;
  let app: App;
  const logLines: string[] = [];
  const mails: StaffMail[] = [];
  const marker = `ADRESSMARKOR-${randomUUID()}`;
  const address = `Gömda gränd 4 lgh 1102, ${marker}, 123 45 Småstad`;
  const municipalityMarker = `Kommun-${randomUUID()}`;
  const caseCode = 'LEAK-2026-0001';
  const providerMarker = `Boende-${randomUUID()}`;
  const permitMarker = `IVO-${randomUUID()}`;
  const purpose = 'Hämta personen vid boendet efter hot i natt';
  let coordinator: TestUser;
  let users: Record<string, TestUser>;
  const cookies = new Map<string, string>();
  let caseId: string;
  let placementId: string;
  let meetingId: string;
  let ids: string[];

  const env = () => ({ ...t, app });
  const cookieOf = async (user: TestUser) => {
    if (!cookies.has(user.id)) cookies.set(user.id, await signIn(env(), user));
    return cookies.get(user.id)!;
  };
  const request = async (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { origin: t.origin },
      ...(user ? { cookies: { utvag_session: await cookieOf(user) } } : {}),
      ...(payload ? { payload } : {}),
    });
  const superQuery = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  // The address view is a POST: the purpose travels in the body, never in a URL or access log.
  const addressUrl = () => `/api/v1/placements/${placementId}/address`;
  const viewAddress = (user: TestUser) => request(user, 'POST', addressUrl(), { purpose });

  let outbox: { stop: () => Promise<void> };

  beforeAll(async () => {
    t = await createTestEnv();
    // The app under attack: the same deps, with every log line and every e-mail captured.
    const mailer = { configured: true, close: () => {}, send: async (m: StaffMail) => void mails.push(m) };
    app = await buildApp(
      { ...t.deps, mailer },
      { logger: { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } } },
    );
    await app.ready();
    // Staff mail leaves through the outbox: this app's sender, with the capturing mailer.
    outbox = startMailOutbox({ ...t.deps, mailer }, app.log, 50);

    coordinator = await createUser(t, { roles: ['coordinator'] });
    const programmeId = coordinator.programmeId;
    const member = (roles: Parameters<typeof createUser>[1]['roles']) => createUser(t, { roles, programmeId });
    users = {
      coordinator,
      hotline_officer: await member(['hotline_officer']),
      partner_caseworker: await member(['partner_caseworker']),
      coach: await member(['coach']),
      management: await member(['management']),
      administrator: await member(['administrator']),
      auditor: await member(['auditor']),
      coordinator_not_on_team: await member(['coordinator']),
      coordinator_of_another_programme: await createUser(t, { roles: ['coordinator'] }),
    };
    const team = Object.entries(users)
      .filter(([name]) => !name.startsWith('coordinator_'))
      .map(([, u]) => u.id);
    caseId = (
      await withTransaction(t.database.db, { programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId,
          code: caseCode,
          state: 'assessment',
          identity: { name: 'Läck Testperson' },
          teamUserIds: team,
          ownerUserId: coordinator.id,
        }),
      )
    ).caseId;
    await superQuery("update users set email = 'agare@example.test' where id = $1", [coordinator.id]);
    await superQuery("update users set email = 'granskare@example.test' where id = $1", [users.auditor!.id]);

    const created = await request(coordinator, 'POST', `/api/v1/cases/${caseId}/placements`, {
      providerKind: 'private',
      providerName: providerMarker,
      ivoPermitNumber: permitMarker,
      municipality: municipalityMarker,
      address,
      startsOn: '2026-03-01',
      costPerDayOre: 180_000,
      status: 'active',
    });
    expect(created.statusCode, created.body).toBe(200);
    placementId = created.json().placement.id;
    const place = await request(coordinator, 'POST', '/api/v1/places', { name: 'Mötesrum Norr' });
    expect(place.statusCode, place.body).toBe(200);
    meetingId = randomUUID();
    await withTransaction(t.database.db, { programmeId }, (tx) =>
      tx.insert(meetings).values({
        id: meetingId,
        programmeId,
        caseId,
        kind: 'first_meeting',
        startsAt: new Date(Date.now() + 3600_000),
        endsAt: new Date(Date.now() + 7200_000),
        placeId: place.json().id,
        staffUserId: coordinator.id,
        bookedBy: coordinator.id,
      }),
    );
    const measure = await request(coordinator, 'POST', `/api/v1/cases/${caseId}/measures`, {
      kind: 'contact_ban',
      status: 'active',
    });
    const application = await request(coordinator, 'POST', `/api/v1/cases/${caseId}/protected-data`, {
      kind: 'protected_registration',
      status: 'applied',
      appliedOn: '2026-03-01',
    });
    ids = [caseId, placementId, meetingId, measure.json().measure.id, application.json().application.id];
    for (const user of Object.values(users)) await cookieOf(user);
  }, 120_000);
  afterAll(async () => {
    await outbox.stop();
    await app.close();
    await t.close();
  });

  it('refuses the address without a fresh second factor, shows it after a step-up, and refuses it again after five minutes', async () => {
    await superQuery("update sessions set second_factor_at = now() - interval '6 minutes' where user_id = $1", [
      coordinator.id,
    ]);
    const stale = await viewAddress(coordinator);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.messageKey).toBe('errors.fresh_second_factor_required');

    const stepUp = await request(coordinator, 'POST', '/api/v1/auth/step-up/totp', {
      code: totpNow(coordinator.totpSecret, 30),
    });
    expect(stepUp.statusCode, stepUp.body).toBe(200);
    const shown = await viewAddress(coordinator);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().address).toBe(address);
    // The auditor reads the log, which records the address view and its purpose, never the address.
    const audit = await request(users.auditor!, 'GET', `/api/v1/audit/entries?recordId=${placementId}&limit=500`);
    expect(audit.statusCode, audit.body).toBe(200);
    const views = audit.json().entries.filter((e: { action: string }) => e.action === 'protection:read_address');
    expect(views.map((e: { outcome: string; purpose: string | null }) => [e.outcome, e.purpose])).toContainEqual([
      'success',
      purpose,
    ]);
    expect(audit.body.includes(marker)).toBe(false);

    await superQuery(
      "update sessions set second_factor_at = now() - interval '5 minutes 1 second' where user_id = $1",
      [coordinator.id],
    );
    const lapsed = await viewAddress(coordinator);
    expect(lapsed.statusCode).toBe(403);
    expect(lapsed.json().error.messageKey).toBe('errors.fresh_second_factor_required');
    // Fresh again for the scans below: a coordinator who may see everything else sees no address.
    await superQuery('update sessions set second_factor_at = now() where user_id = $1', [coordinator.id]);
  });

  it('refuses the address view to every other role, even on the team with a freshly proved second factor', async () => {
    for (const [name, user] of Object.entries(users)) {
      if (name === 'coordinator') continue;
      const r = await viewAddress(user);
      expect([403, 404], `${name}: ${r.body}`).toContain(r.statusCode);
      expect(r.body).not.toContain(marker);
    }
  });

  it('tells the owner and auditors of a break-the-glass by e-mail without the address, and the glass does not open protection', async () => {
    const outsider = users.coordinator_not_on_team!;
    const opened = await request(outsider, 'POST', `/api/v1/cases/${caseId}/break-glass`, {
      reason: 'Ägaren nås inte och personen ringer hotad',
    });
    expect(opened.statusCode, opened.body).toBe(200);
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(2);
    expect((await request(outsider, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await request(outsider, 'GET', `/api/v1/cases/${caseId}/placements`)).statusCode).toBe(403);
    expect((await viewAddress(outsider)).statusCode).toBe(403);

    const attention = caseAttentionMail({ ...t.deps }, { caseId, code: caseCode });
    for (const mail of [...mails, attention]) {
      const all = `${'to' in mail ? mail.to : ''}\n${mail.subject}\n${mail.text}`;
      expect(all).not.toContain(marker);
      expect(all).not.toContain('Gömda gränd');
      expect(all).not.toContain(municipalityMarker);
      expect(all).not.toContain(providerMarker);
    }
  });

  it('appears in no answer of any GET route of the app, for any role, with real ids', async () => {
    const routes = app.registeredRoutes.filter(
      (r) =>
        r.method === 'GET' &&
        r.url.startsWith('/api/') &&
        !r.url.includes('*') &&
        // A live event stream never ends; it carries case codes only (see live-events.ts).
        r.url !== '/api/v1/events' &&
        // The one view allowed to carry it, probed separately above.
        r.url !== '/api/v1/placements/:id/address',
    );
    expect(routes.length).toBeGreaterThan(15);
    const query = `?reason=${encodeURIComponent(purpose)}&purpose=${encodeURIComponent(purpose)}`;
    let answered = 0;
    const seen = new Map<string, number>();
    for (const [name, user] of Object.entries(users)) {
      for (const route of routes) {
        const urls = route.url.includes(':')
          ? ids.flatMap((id) => {
              const filled = route.url.replace(/:[A-Za-z]+/g, id);
              return [filled, `${filled}${query}`];
            })
          : [route.url];
        for (const url of urls) {
          const r = await request(user, 'GET', url);
          const everything = `${r.body}\n${JSON.stringify(r.headers)}`;
          expect(everything, `${name} GET ${url}`).not.toContain(marker);
          expect(everything, `${name} GET ${url}`).not.toContain('Gömda gränd');
          if (r.statusCode === 200) answered++;
          if (name === 'coordinator') seen.set(url, r.statusCode);
        }
      }
    }
    // The scan is not vacuous: the team coordinator read the case, its placements (with the
    // municipality), the calendar file, the calls, the home lists and the API document.
    expect(answered).toBeGreaterThan(30);
    expect(seen.get(`/api/v1/cases/${caseId}`)).toBe(200);
    expect(seen.get(`/api/v1/cases/${caseId}/placements`)).toBe(200);
    expect(seen.get(`/api/v1/meetings/${meetingId}/calendar.ics`)).toBe(200);
    expect(seen.get('/api/v1/calls')).toBe(200);
    expect(seen.get('/api/v1/home/overdue')).toBe(200);
    expect(seen.get('/api/openapi.json')).toBe(200);
    // The placements list is where the team reads the provider and municipality, decrypted.
    const list = await request(coordinator, 'GET', `/api/v1/cases/${caseId}/placements`);
    expect(list.body).toContain(municipalityMarker);
    expect(list.body).toContain(providerMarker);
    expect(list.body).toContain(permitMarker);
  }, 180_000);

  it('appears in no log line', () => {
    expect(logLines.length).toBeGreaterThan(100);
    expect(logLines.some((l) => l.includes('/api/v1/placements/:id/address'))).toBe(true);
    const leaking = logLines.filter(
      (l) =>
        l.includes(marker) ||
        l.includes('Gömda gränd') ||
        l.includes(municipalityMarker) ||
        l.includes(providerMarker) ||
        l.includes(permitMarker),
    );
    expect(leaking).toEqual([]);
    // Nor the stated purpose: request logs carry the route, never the query string.
    expect(logLines.filter((l) => l.includes('Hämta personen') || l.includes('H%C3%A4mta'))).toEqual([]);
  });

  it('lies in the database files only as ciphertext', async () => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    const dataDirectory: string = (await client.query('SHOW data_directory')).rows[0].data_directory;
    await client.query('CHECKPOINT');
    await client.end();
    const files = await filesUnder(dataDirectory);
    expect(files.length).toBeGreaterThan(100);
    const hits = await scanDataDirectory(dataDirectory, {
      address: Buffer.from(marker),
      municipality: Buffer.from(municipalityMarker),
      provider: Buffer.from(providerMarker),
      permit: Buffer.from(permitMarker),
      control: Buffer.from(caseCode),
    });
    // The control (the case code, stored in clear) proves the scan sees the case's pages.
    expect(hits.control!.length).toBeGreaterThan(0);
    expect(hits.address).toEqual([]);
    expect(hits.municipality).toEqual([]);
    expect(hits.provider).toEqual([]);
    expect(hits.permit).toEqual([]);
  }, 120_000);
});

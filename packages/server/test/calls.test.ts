import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { dutyShifts, users } from '../src/db/schema.ts';
import { eq } from 'drizzle-orm';
import { CALM_HOTLINE_ANSWERS, HOTLINE_CHECKLIST_ID } from './support.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';
import { api } from './api.ts';

const CHECKLIST_ID = HOTLINE_CHECKLIST_ID;
const calmAnswers = CALM_HOTLINE_ANSWERS;
const acuteAnswers = { ...calmAnswers, known_time_place: 'yes' };

/** A Luhn-correct personnummer for someone born in 1990, unique per call. */
function personnummer(): string {
  const serial = String(Math.floor(Math.random() * 999)).padStart(3, '0');
  const digits = `900101${serial}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `19${digits.slice(0, 6)}-${digits.slice(6)}${(10 - (sum % 10)) % 10}`;
}

describe('the hotline: a night call taken further opens a case and tells the on-duty coordinator', () => {
  let t: TestEnv;
  let smtp: SmtpPeer;
  /** The raw source of every message the SMTP peer received. */
  const mails = () => smtp.mails.map((m) => m.raw);
  let officer: TestUser;
  let coordinator: TestUser;
  let otherOfficer: TestUser;
  let officerCookie: string;
  let coordinatorCookie: string;

  // The suite's request helper (api.ts); `t` is set in beforeAll.
  const post = (cookie: string, url: string, payload: unknown) => api(t).post(cookie, url, payload);
  const get = (cookie: string, url: string) => api(t).get(cookie, url);

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestEnv({ UTVAG_SMTP_URL: smtp.url });
    officer = await createUser(t, { roles: ['hotline_officer'] });
    coordinator = await createUser(t, {
      roles: ['coordinator'],
      programmeId: officer.programmeId,
      organisationId: officer.organisationId,
    });
    otherOfficer = await createUser(t, {
      roles: ['hotline_officer'],
      programmeId: officer.programmeId,
      organisationId: officer.organisationId,
    });
    await withTransaction(t.database.db, { programmeId: officer.programmeId }, async (tx) => {
      await tx.update(users).set({ email: 'samordnare@example.test' }).where(eq(users.id, coordinator.id));
      await tx.insert(dutyShifts).values({
        programmeId: officer.programmeId,
        userId: coordinator.id,
        startsAt: new Date(Date.now() - 3600_000),
        endsAt: new Date(Date.now() + 8 * 3600_000),
      });
    });
    officerCookie = await signIn(t, officer);
    coordinatorCookie = await signIn(t, coordinator);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('opens a case with a pseudonymous code, raises the acute alarm, and the coordinator sees it live and by e-mail without personal data', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const events: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/v1/events', headers: { cookie: `utvag_session=${coordinatorCookie}` } },
        resolve,
      );
      req.on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    stream.on('data', (chunk: Buffer) => events.push(chunk.toString('utf8')));

    const name = `Nattsamtal ${randomUUID()}`;
    const pnr = personnummer();
    const response = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      summary: 'Man, 27, vill lämna sitt gäng. Hotad i går.',
      decision: 'take_further',
      checklist: { instrumentId: CHECKLIST_ID, instrumentVersion: 1, answers: acuteAnswers },
      person: { name, personnummer: pnr, phone: '070-123 45 67' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.call.acute).toBe(true);
    expect(body.case.code).toMatch(/^[A-Z]{2,6}-\d{4}-0001$/);
    expect(body.case.code).not.toContain(pnr.slice(0, 6));

    await expect.poll(() => events.join(''), { timeout: 5000 }).toContain(body.case.id);
    expect(events.join('')).toContain('event: case_attention');
    expect(events.join('')).not.toContain(name);
    await expect.poll(() => mails().length, { timeout: 5000 }).toBe(1);
    const mail = mails()[0]!;
    expect(mail).toContain(body.case.code);
    expect(mail).toContain(`/cases/${body.case.id}`);
    for (const secret of [name, pnr, pnr.replace('-', ''), '070-123 45 67', 'Hotad'])
      expect(mail).not.toContain(secret);
    stream.destroy();

    const view = await get(coordinatorCookie, `/api/v1/cases/${body.case.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().identity.name).toBe(name);
    expect(view.json().state).toBe('inquiry');
  });

  it('lists calls without identities and shows the summary only in the logged detail view', async () => {
    const list = await get(officerCookie, '/api/v1/calls');
    expect(list.statusCode).toBe(200);
    expect(list.json().calls.length).toBeGreaterThan(0);
    expect(list.body).not.toMatch(/Nattsamtal|Hotad|070-123/);
    const id = list.json().calls[0].id;
    const detail = await get(otherOfficer ? officerCookie : officerCookie, `/api/v1/calls/${id}`);
    expect(detail.json().summary).toContain('vill lämna');
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    const { rows } = await client.query(
      "select count(*)::int as n from audit_log where action = 'call:read' and record_id = $1",
      [id],
    );
    await client.end();
    expect(rows[0].n).toBe(1);
  });

  it('logs an anonymous relative asking for advice with no identity anywhere', async () => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    const count = async (table: string) =>
      (await client.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;
    const before = {
      cases: await count('cases'),
      persons: await count('case_persons'),
      related: await count('related_persons'),
    };
    const response = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'anonymous',
      summary: 'Orolig mamma vill ha råd.',
      decision: 'advice_only',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().case).toBeNull();
    const { rows } = await client.query('select callback_contact_enc, case_id, caller_type from calls where id = $1', [
      response.json().call.id,
    ]);
    expect(rows[0]).toEqual({ callback_contact_enc: null, case_id: null, caller_type: 'anonymous' });
    expect({
      cases: await count('cases'),
      persons: await count('case_persons'),
      related: await count('related_persons'),
    }).toEqual(before);

    const withIdentity = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'anonymous',
      decision: 'advice_only',
      callbackContact: '070-999 99 99',
    });
    expect(withIdentity.statusCode).toBe(422);
    const field = withIdentity.json().error.fields.find((f: { path: string }) => f.path === 'callbackContact');
    expect(field.messages.sv).toMatch(/anonymt samtal/);
    expect(field.messages.en).toMatch(/anonymous call/);
    await client.end();
  });

  it('warns of a known personnummer, telling an officer outside the team only whom to contact', async () => {
    const pnr = personnummer();
    const first = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'take_further',
      checklist: { instrumentId: CHECKLIST_ID, instrumentVersion: 1, answers: calmAnswers },
      person: { name: 'Tidigare Klient', personnummer: pnr },
    });
    expect(first.statusCode, first.body).toBe(200);
    const outsider = await signIn(t, otherOfficer);
    const seen = await post(outsider, '/api/v1/cases/lookup', { personnummer: pnr.replace('-', '').slice(2) });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().matches).toHaveLength(1);
    const match = seen.json().matches[0];
    expect(match).toMatchObject({ onTeam: false, caseId: null, caseCode: null });
    expect(match.contacts.map((c: { displayName: string }) => c.displayName)).toContain(coordinator.username);
    expect(seen.body).not.toContain('Tidigare Klient');
    expect(seen.body).not.toContain(first.json().case.code);

    const insider = await post(coordinatorCookie, '/api/v1/cases/lookup', { personnummer: pnr });
    expect(insider.json().matches[0]).toMatchObject({
      onTeam: true,
      caseId: first.json().case.id,
      caseCode: first.json().case.code,
    });
  });

  it('refuses bad input with clear messages in Swedish and English and writes nothing', async () => {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    const calls = async () => (await client.query('select count(*)::int as n from calls')).rows[0].n as number;
    const before = await calls();

    const badPnr = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'take_further',
      person: { personnummer: '19900101-1235' },
    });
    expect(badPnr.statusCode).toBe(422);
    const pnrField = badPnr.json().error.fields.find((f: { path: string }) => f.path === 'person.personnummer');
    expect(pnrField.messages.sv).toMatch(/kontrollsiffra/);
    expect(pnrField.messages.en).toMatch(/check digit/);
    expect(badPnr.body).not.toContain('19900101-1235');

    const missing = { ...calmAnswers } as Record<string, string>;
    delete missing.weapons;
    const incomplete = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'take_further',
      checklist: { instrumentId: CHECKLIST_ID, instrumentVersion: 1, answers: missing },
      person: { name: 'Halvfärdig' },
    });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.messageKey).toBe('errors.answers_invalid');
    expect(incomplete.json().error.fields.some((f: { path: string }) => f.path.includes('weapons'))).toBe(true);

    const acuteButLow = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'advice_only',
      checklist: { instrumentId: CHECKLIST_ID, instrumentVersion: 1, answers: acuteAnswers, judgement: 'low' },
    });
    expect(acuteButLow.statusCode).toBe(422);

    const pastCallback = await post(officerCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'call_back',
      callbackAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(pastCallback.statusCode).toBe(422);
    expect(pastCallback.json().error.fields[0].messages.sv).toMatch(/passerat/);

    expect(await calls()).toBe(before);
    const cases = await client.query("select count(*)::int as n from cases where code like '%'");
    expect(cases.rows[0].n).toBeGreaterThan(0);
    await client.end();
  });

  it('lets an administrator import an instrument and lists every fault of a bad one', async () => {
    const admin = await createUser(t, {
      roles: ['administrator'],
      programmeId: officer.programmeId,
      organisationId: officer.organisationId,
    });
    const cookie = await signIn(t, admin);
    const bad = await post(cookie, '/api/v1/admin/instruments', {
      id: 'local-screen',
      version: 1,
      kind: 'checklist',
      name: { sv: 'Lokal', en: 'Local' },
      parts: [
        {
          id: 'p',
          title: { sv: 'Del', en: 'Part' },
          items: [
            { id: 'a', text: { sv: 'A', en: 'A' }, answerType: 'stars', required: true },
            { id: 'a', text: { sv: 'B', en: 'B' }, answerType: 'yes_no', required: true },
          ],
        },
      ],
      judgement: { levels: ['none', 'low', 'elevated', 'acute'], label: { sv: 'Bedömning', en: 'Judgement' } },
    });
    expect(bad.statusCode).toBe(422);
    const messages = bad
      .json()
      .error.fields.map((f: { messages: { sv: string; en: string } }) => f.messages.en)
      .join(' | ');
    expect(messages).toMatch(/stars|answer type/i);
    expect(messages).toMatch(/already used/);
    expect(bad.json().error.fields.length).toBeGreaterThanOrEqual(2);
    const list = await get(cookie, '/api/v1/instruments');
    // Only the built-in instruments: the faulty one was not imported.
    expect(list.json().instruments.every((i: { builtin: boolean }) => i.builtin)).toBe(true);
    expect(list.json().instruments.map((i: { key: string }) => i.key)).toContain(CHECKLIST_ID);
  });

  it('keeps partners, coaches, management and administrators away from every call and case route', async () => {
    const routes = t.app.registeredRoutes.filter(
      (r) => r.auth === 'full' && (/^\/api\/v1\/calls/.test(r.url) || /^\/api\/v1\/cases/.test(r.url)),
    );
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    const real = (await client.query('select id, case_id from calls where case_id is not null limit 1')).rows[0];
    await client.end();
    for (const role of ['partner_caseworker', 'coach', 'management', 'administrator'] as const) {
      const user = await createUser(t, {
        roles: [role],
        programmeId: officer.programmeId,
        organisationId: officer.organisationId,
      });
      const cookie = await signIn(t, user);
      for (const url of [`/api/v1/calls/${real.id}`, `/api/v1/cases/${real.case_id}`]) {
        const response = await get(cookie, url);
        expect([403, 404], `${role} reads real ${url}`).toContain(response.statusCode);
      }
      for (const route of routes) {
        const url = route.url.replace(/:[a-zA-Z]+/g, randomUUID());
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { origin: t.origin },
          cookies: { utvag_session: cookie },
          payload:
            route.method === 'GET'
              ? undefined
              : { personnummer: '19900101-0017', channel: 'hotline', callerType: 'self', decision: 'no_action' },
        });
        // Their own case list may answer, but must hold none of the hotline's cases.
        if (route.method === 'GET' && route.url === '/api/v1/cases' && response.statusCode === 200) {
          expect(response.json().cases, `${role} case list`).toEqual([]);
          continue;
        }
        expect([403, 404, 422], `${role} ${route.method} ${url}`).toContain(response.statusCode);
        expect(response.statusCode === 422 && route.url === '/api/v1/calls', `${role} ${route.method} ${url}`).toBe(
          false,
        );
      }
    }
  });

  it('lets the on-duty coordinator take a call further themselves, on the new case team once, as its owner', async () => {
    const response = await post(coordinatorCookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      summary: 'Samordnaren i tjänst tar samtalet själv.',
      decision: 'take_further',
      checklist: { instrumentId: CHECKLIST_ID, instrumentVersion: 1, answers: acuteAnswers },
      person: { name: `Egen ${randomUUID()}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const caseId = response.json().case.id as string;
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      const team = (await client.query('select user_id, is_owner from case_team_members where case_id = $1', [caseId]))
        .rows;
      expect(team).toEqual([{ user_id: coordinator.id, is_owner: true }]);
    } finally {
      await client.end();
    }
    expect((await get(coordinatorCookie, `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
  });
});

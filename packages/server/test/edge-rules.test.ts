import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { createDataKey, decryptField, encryptField } from '../src/modules/crypto/field-crypto.ts';
import { marker, newCase, staff, superQuery, type Signed } from './consent-fixtures.ts';
import { createTestEnv, type TestEnv } from './harness.ts';
import { CALM_HOTLINE_ANSWERS, HOTLINE_CHECKLIST_ID } from './support.ts';

// The edge rules from the hostile-client sweep (issue 15): every case below was a 500 before.

const CHECKLIST = HOTLINE_CHECKLIST_ID;
const calmAnswers = CALM_HOTLINE_ANSWERS;

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('the edge rules: bad input is a 4xx in the API format, never a 500', () => {
  let t: TestEnv;
  let admin: Signed;
  let coordinator: Signed;
  let officer: Signed;
  let auditor: Signed;
  let caseId: string;

  const send = (
    who: Signed,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { origin: t.origin, ...headers },
      cookies: { utvag_session: who.cookie },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const json = (who: Signed, method: 'POST' | 'PUT', url: string, raw: string) =>
    send(who, method, url, raw, { 'content-type': 'application/json' });
  const count = async (table: string) =>
    Number((await superQuery<{ n: string }>(t, `select count(*) n from ${table}`))[0]!.n);

  beforeAll(async () => {
    t = await createTestEnv();
    admin = await staff(t, ['administrator'], undefined);
    coordinator = await staff(t, ['coordinator'], admin.programmeId, admin.organisationId);
    officer = await staff(t, ['hotline_officer'], admin.programmeId, admin.organisationId);
    auditor = await staff(t, ['auditor'], admin.programmeId, admin.organisationId);
    caseId = await newCase(t, admin.programmeId, [coordinator.id], { identity: { name: 'Kalle Gemener' } });
  });
  afterAll(async () => t.close());

  describe('text', () => {
    it('refuses a NUL in a field stored in clear with a 422 naming the field, and writes nothing', async () => {
      const before = await count('organisations');
      const response = await send(admin, 'POST', '/api/v1/admin/organisations', {
        name: 'Kommun\u0000X',
        kind: 'municipality',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields).toMatchObject([{ path: 'name', messageKey: 'validation.unsafe_text' }]);
      expect(await count('organisations')).toBe(before);
    });

    it('refuses an unpaired surrogate (sent as a JSON escape) instead of storing U+FFFD', async () => {
      const before = await count('organisations');
      const response = await json(
        admin,
        'POST',
        '/api/v1/admin/organisations',
        '{"name":"Kommun \\ud800 X","kind":"municipality"}',
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields[0].messages.sv).toMatch(/tecken/);
      expect(await count('organisations')).toBe(before);
    });

    it('refuses a NUL in an object key and in a query string', async () => {
      const key = await json(admin, 'POST', '/api/v1/admin/organisations', '{"na\\u0000me":"X","kind":"municipality"}');
      expect(key.statusCode).toBe(422);
      const query = await send(auditor, 'GET', '/api/v1/audit/entries?limit=1%00');
      expect(query.statusCode).toBe(422);
    });

    it('refuses a __proto__ key as a bad request', async () => {
      const response = await json(
        admin,
        'POST',
        '/api/v1/admin/organisations',
        '{"name":"X","kind":"municipality","__proto__":{"admin":true}}',
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('bad_request');
    });
  });

  describe('dates', () => {
    it.each(['0000-01-01', '0000-01-01T00:00:00Z', '1899-12-31', '9999-12-31T00:00:00Z'])(
      'refuses %s as a period bound on the audit log, the calls and the duty roster',
      async (value) => {
        const q = encodeURIComponent(value);
        expect((await send(auditor, 'GET', `/api/v1/audit/entries?from=${q}`)).statusCode).toBe(422);
        expect((await send(officer, 'GET', `/api/v1/calls?to=${q}`)).statusCode).toBe(422);
        const duty = await send(coordinator, 'GET', `/api/v1/duty?from=${q}`);
        expect(duty.statusCode).toBe(422);
      },
    );

    it('refuses a meeting on 9999-12-31 (its end would overflow) and writes nothing', async () => {
      const before = await count('meetings');
      const response = await send(coordinator, 'POST', `/api/v1/cases/${caseId}/meetings`, {
        startsAt: '9999-12-31T23:00:00Z',
        durationMinutes: 60,
        staffUserId: coordinator.id,
        placeId: '00000000-0000-4000-8000-000000000000',
      });
      expect(response.statusCode).toBe(422);
      expect(JSON.stringify(response.json())).toContain('validation.date_out_of_range');
      expect(await count('meetings')).toBe(before);
    });

    it.each(['0000-06-01T10:00:00Z', '1900-06-01T10:00:00Z', '1999-12-31T10:00:00Z'])(
      'refuses a call received %s, before any case code year, and opens no case',
      async (receivedAt) => {
        const before = [await count('calls'), await count('cases')];
        const response = await send(officer, 'POST', '/api/v1/calls', {
          receivedAt,
          channel: 'hotline',
          callerType: 'self',
          decision: 'take_further',
          checklist: { instrumentId: CHECKLIST, instrumentVersion: 1, answers: calmAnswers, judgement: 'low' },
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain('receivedAt');
        expect([await count('calls'), await count('cases')]).toEqual(before);
      },
    );
  });

  describe('integers and nesting', () => {
    const definition = (version: number) => ({
      id: 'local-edge',
      version,
      kind: 'checklist',
      name: { sv: 'Lokal', en: 'Local' },
      parts: [
        {
          id: 'p',
          title: { sv: 'Del', en: 'Part' },
          items: [{ id: 'a', text: { sv: 'A', en: 'A' }, answerType: 'yes_no', required: true }],
        },
      ],
      judgement: { levels: ['none', 'low', 'elevated', 'acute'], label: { sv: 'Bedömning', en: 'Judgement' } },
    });

    it('refuses an instrument version above what an integer column holds', async () => {
      const before = await count('instruments');
      const response = await send(admin, 'POST', '/api/v1/admin/instruments', definition(2_147_483_648));
      expect(response.statusCode).toBe(422);
      expect(await count('instruments')).toBe(before);
      const huge = await send(officer, 'POST', '/api/v1/calls', {
        channel: 'hotline',
        callerType: 'anonymous',
        decision: 'no_action',
        checklist: { instrumentId: CHECKLIST, instrumentVersion: 1e20, answers: calmAnswers },
      });
      expect(huge.statusCode).toBe(422);
    });

    it('refuses JSON nested 10,000 deep on every route with a 422, without a stack overflow', async () => {
      for (const url of ['/api/v1/admin/instruments', '/api/v1/admin/organisations']) {
        const response = await json(admin, 'POST', url, nested(10_000));
        expect(response.statusCode, url).toBe(422);
        expect(response.json().error.messageKey).toBe('validation.too_deep');
      }
    });

    it('refuses a body over the limit with a 413 in the API format', async () => {
      const response = await json(
        admin,
        'POST',
        '/api/v1/admin/organisations',
        JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), kind: 'municipality' }),
      );
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'bad_request', messageKey: 'errors.bad_request' });
    });
  });

  describe('ids', () => {
    it('opens a field sealed under a lower-case id when the id is written in upper case', () => {
      const key = createDataKey();
      const id = randomUUID();
      const sealed = encryptField(key, 'Skyddsgatan 1', { table: 'placements', column: 'address_enc', rowId: id });
      expect(decryptField(key, sealed, { table: 'placements', column: 'address_enc', rowId: id.toUpperCase() })).toBe(
        'Skyddsgatan 1',
      );
      expect(() =>
        decryptField(key, sealed, { table: 'placements', column: 'address_enc', rowId: randomUUID() }),
      ).toThrow();
    });

    it('serves a case whose id is written in upper case, decrypting its identity', async () => {
      const lower = await send(coordinator, 'GET', `/api/v1/cases/${caseId}`);
      const upper = await send(coordinator, 'GET', `/api/v1/cases/${caseId.toUpperCase()}`);
      expect(lower.statusCode).toBe(200);
      expect(upper.statusCode).toBe(200);
      expect(upper.json().id).toBe(caseId);
      expect(JSON.stringify(upper.json())).toContain('Kalle Gemener');
    });
  });

  describe('races', () => {
    it('lets twelve simultaneous role replacements of one user all succeed, the last one winning', async () => {
      const target = await staff(t, ['coach'], admin.programmeId, admin.organisationId);
      const sets = [['coach'], ['partner_caseworker'], ['coach', 'partner_caseworker']];
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          send(admin, 'PUT', `/api/v1/admin/users/${target.id}/roles`, { roles: sets[i % 3] }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
      // A case-reading role an administrator adds waits for a coordinator (decision 010): held and
      // awaiting together are the set the last replacement asked for.
      const rows = await superQuery<{ role: string }>(
        t,
        `select role from (select role from memberships where user_id = $1 and programme_id = $2
           union select role from pending_memberships where user_id = $1 and programme_id = $2) r order by role`,
        [target.id, admin.programmeId],
      );
      expect(sets.map((s) => [...s].sort().join(','))).toContain(rows.map((r) => r.role).join(','));
    });
  });

  describe('answers', () => {
    it('never quotes a submitted checklist answer back', async () => {
      const secret = marker('Svar');
      const response = await send(officer, 'POST', '/api/v1/calls', {
        channel: 'hotline',
        callerType: 'anonymous',
        decision: 'no_action',
        checklist: { instrumentId: CHECKLIST, instrumentVersion: 1, answers: { ...calmAnswers, safe_now: secret } },
      });
      expect(response.statusCode).toBe(422);
      expect(response.body).not.toContain(secret);
    });
  });

  describe("the framework's own refusals use the API's error format", () => {
    it('answers malformed JSON, a wrong content type and an over-long path parameter', async () => {
      const bad = await json(admin, 'POST', '/api/v1/admin/organisations', '{"name": "X",');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.messageKey).toBe('errors.bad_request');
      expect(bad.body).not.toContain('"name"');
      const type = await send(admin, 'POST', '/api/v1/admin/organisations', 'name=X', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(type.statusCode).toBe(415);
      expect(type.json().error.code).toBe('bad_request');
      const long = await send(coordinator, 'GET', `/api/v1/cases/${'a'.repeat(500)}`);
      expect(long.statusCode).toBe(414);
      expect(long.json().error.code).toBe('bad_request');
      expect(long.body).not.toContain('aaaa');
      const badUrl = await send(coordinator, 'GET', '/api/v1/cases/%E0%A4%A');
      expect(badUrl.statusCode).toBe(400);
      expect(badUrl.json().error.code).toBe('bad_request');
    });

    it('answers headers too large with a 431 in the API format (a real socket)', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, path: '/api/v1/me', headers: { 'x-big': 'x'.repeat(40_000) } },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        );
        request.on('error', reject);
        request.end();
      });
      expect(result.status).toBe(431);
      expect(JSON.parse(result.body).error).toMatchObject({ code: 'bad_request', messageKey: 'errors.bad_request' });
    });
  });
});

describe('the error log', () => {
  let t: TestEnv;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestEnv();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    app = await buildApp(t.deps, { logger: { level: 'info', stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('records class, code, route and request id of a database error, never its values', async () => {
    const admin = await staff(t, ['administrator'], undefined);
    const secret = marker('Markörkommun');
    // Force the database to refuse exactly this value: its message and detail quote the row.
    await superQuery(t, `alter table organisations add constraint edge_test_marker check (name not like '%Markör%')`);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/organisations',
      headers: { origin: t.origin },
      cookies: { utvag_session: admin.cookie },
      payload: { name: secret, kind: 'municipality' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain(secret);
    const log = lines.join('');
    expect(log).not.toContain(secret);
    expect(log).not.toContain('Markör');
    expect(log).not.toMatch(/insert into|Failing row/i);
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'unhandled error' || l.msg === 'request failed');
    expect(entry).toMatchObject({ route: '/api/v1/admin/organisations', method: 'POST' });
    expect(entry?.reqId).toEqual(expect.any(String));
    expect(JSON.stringify(entry?.errors)).toContain('23514');
  });
});

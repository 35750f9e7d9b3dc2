import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { marker, newCase, staff, superQuery, type Signed } from './consent-fixtures.ts';
import { createTestEnv, type TestEnv } from './harness.ts';

// A hostile client, driven by the API's own description: every operation in the OpenAPI document
// (which describes every body; openapi.test.ts holds it so) gets requests with NUL, lone surrogates, out-of-range dates, huge integers, upper-case and over-long
// ids, deep nesting and oversize bodies. Nothing may answer 5xx, a refused request may change no
// row, and no answer may quote the submitted marker back. UTVAG_FUZZ_REQUESTS bounds the run
// (2,000 here; bench/fuzz.sh runs every generated request).

const LIMIT = Number(process.env.UTVAG_FUZZ_REQUESTS ?? 2000);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
};

type Probe = { method: string; url: string; body?: string; why: string };

const SECRET = marker('FUZZMARK');

/** A plausible value for a schema, so one bad field at a time reaches its own check. */
function sample(schema: JsonSchema | undefined, id: string, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], id, depth + 1);
  if (schema.allOf) return sample(schema.allOf[0], id, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, id, depth + 1)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, id, depth + 1));
    case 'string':
      if (schema.format === 'date-time') return '2026-03-01T10:00:00Z';
      if (schema.format === 'date') return '2026-03-01';
      if (schema.format === 'uuid') return id;
      if (schema.format === 'email') return 'fuzz@example.test';
      return 'Fuzzvärde, tolv tecken'.padEnd(Math.max(schema.minLength ?? 0, 12), 'x');
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

const BAD_STRINGS = [
  `a\u0000${SECRET}`,
  `\uD800${SECRET}`,
  `${SECRET}\uDC00`,
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '9999-12-31',
  '1900-01-01T00:00:00Z',
  randomUUID().toUpperCase(),
  'x'.repeat(5000),
];
const BAD_NUMBERS = [2_147_483_648, 1e20, -1, 1.5, Number.MAX_SAFE_INTEGER];

/** Every body with exactly one leaf replaced by a bad value. */
function mutations(base: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, replace: (v: unknown) => unknown) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, (v) => replace(node.map((x, j) => (j === i ? v : x)))));
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, (nv) => replace({ ...node, [k]: nv }));
    } else {
      const bad = typeof node === 'number' ? [...BAD_NUMBERS, 'x'] : [...BAD_STRINGS, 2_147_483_648];
      for (const b of bad) out.push(replace(b));
    }
  };
  walk(base, (v) => v);
  return out;
}

// Routes that would end the fuzzing users' own sessions, or never end (a live event stream).
const SKIP = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-everywhere', 'GET /api/v1/events']);

describe('a schema-driven hostile client', () => {
  let t: TestEnv;
  let users: Record<'admin' | 'coordinator' | 'officer' | 'auditor', Signed>;
  let ids: Record<string, string>;
  let checksumSql: string;

  const checksum = async () => (await superQuery<{ c: string }>(t, checksumSql))[0]!.c;

  beforeAll(async () => {
    t = await createTestEnv();
    const admin = await staff(t, ['administrator'], undefined);
    const p = admin.programmeId;
    users = {
      admin,
      coordinator: await staff(t, ['coordinator'], p, admin.organisationId),
      officer: await staff(t, ['hotline_officer'], p, admin.organisationId),
      auditor: await staff(t, ['auditor'], p, admin.organisationId),
    };
    const target = await staff(t, ['coach'], p, admin.organisationId);
    const caseId = await newCase(t, p, [users.coordinator.id], { state: 'admitted' });
    const placed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/placements`,
      headers: { origin: t.origin },
      cookies: { utvag_session: users.coordinator.cookie },
      payload: {
        providerKind: 'municipal',
        providerName: 'Fuzz boende',
        municipality: 'Fuzzby',
        address: 'Fuzzgatan 1',
        startsOn: '2026-03-01',
        costPerDayOre: 1000,
        status: 'active',
      },
    });
    expect(placed.statusCode, placed.body).toBe(200);
    ids = { cases: caseId, placements: placed.json().placement.id, users: target.id };
    // Tables whose rows a refused request may legitimately touch: the access log (refusals are
    // logged), sessions (last seen) and the sign-in throttle.
    const tables = await superQuery<{ name: string }>(
      t,
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name not in ('audit_log', 'sessions', 'sign_in_throttle', '__drizzle_migrations')
        order by 1`,
    );
    checksumSql = `select concat_ws(',', ${tables
      .map((r) => `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from "${r.name}" x)`)
      .join(', ')}) as c`;
  }, 120_000);
  afterAll(async () => t.close());

  function actorFor(url: string): Signed {
    if (url.startsWith('/api/v1/admin')) return users.admin;
    if (url.startsWith('/api/v1/audit')) return users.auditor;
    if (url.startsWith('/api/v1/calls')) return users.officer;
    return users.coordinator;
  }

  function idFor(url: string): string {
    const kind = /^\/api\/v1\/(?:admin\/)?([a-z-]+)\/:/.exec(url)?.[1] ?? 'cases';
    return ids[kind] ?? ids.cases!;
  }

  function probes(openapi: {
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  }) {
    const all: Probe[] = [];
    for (const [oaPath, operations] of Object.entries(openapi.paths)) {
      if (!oaPath.startsWith('/api/v1/')) continue;
      const url = oaPath.replace(/\{(\w+)\}/g, ':$1');
      for (const [method, op] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${url}`;
        if (SKIP.has(key)) continue;
        const id = idFor(url);
        const fill = (value: string) => url.replace(/:\w+/g, value);
        const real = fill(id);
        const m = method.toUpperCase();
        // Path ids: upper case (must work like lower case), NUL, over-long, not a UUID.
        if (url.includes(':')) {
          for (const bad of [id.toUpperCase(), '%00', 'x'.repeat(250), `${id}%ED%A0%80`, '..%2f..'])
            all.push({ method: m, url: fill(bad), why: `${key} path ${bad.slice(0, 12)}` });
        }
        // Query parameters, one at a time.
        const params = (op.parameters ?? []) as { in: string; name: string }[];
        for (const q of params.filter((p) => p.in === 'query')) {
          for (const bad of [
            '%00',
            '%ED%A0%80',
            '0000-01-01',
            '9999-12-31T23:59:59Z',
            '1899-12-31',
            '99999999999999999999',
            '-1',
          ])
            all.push({ method: m, url: `${real}?${q.name}=${bad}`, why: `${key} ?${q.name}=${bad}` });
        }
        if (m === 'GET' || m === 'DELETE') continue;
        const schema = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
          'application/json'
        ]?.schema;
        const base = sample(schema ?? { type: 'object', properties: {} }, id);
        for (const body of mutations(base))
          all.push({ method: m, url: real, body: JSON.stringify(body), why: `${key} body` });
        const deep = `${'{"a":['.repeat(5000)}1${']}'.repeat(5000)}`;
        all.push({ method: m, url: real, body: deep, why: `${key} deep` });
        all.push({
          method: m,
          url: real,
          body: JSON.stringify({ pad: 'x'.repeat(1100 * 1024) }),
          why: `${key} huge`,
        });
        all.push({ method: m, url: real, body: '{"a":"\\u0000"', why: `${key} broken json` });
      }
    }
    return all;
  }

  it(
    'answers every bad request with a 4xx or a success, changes nothing when refusing, and quotes nothing back',
    async () => {
      const openapi = t.app.swagger() as unknown as Parameters<typeof probes>[0];
      const generated = probes(openapi);
      // Spread the bounded run over every operation rather than the first few.
      const step = Math.max(1, Math.ceil(generated.length / LIMIT));
      const chosen = generated.filter((_, i) => i % step === 0);
      expect(chosen.length).toBeGreaterThan(Math.min(LIMIT, generated.length) / 2);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let before = await checksum();
      for (const probe of chosen) {
        const who = actorFor(probe.url);
        const r = await t.app.inject({
          method: probe.method as 'POST',
          url: probe.url,
          headers: { origin: t.origin, ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          cookies: { utvag_session: who.cookie },
          ...(probe.body !== undefined ? { payload: probe.body } : {}),
        });
        statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        if (r.statusCode >= 500) failures.push(`${r.statusCode} ${probe.why}: ${r.body.slice(0, 200)}`);
        // An administrator's own instrument file is quoted back to its author on purpose.
        if (r.body.includes(SECRET) && !probe.url.includes('/admin/instruments')) failures.push(`echo ${probe.why}`);
        if (probe.method !== 'GET') {
          const after = await checksum();
          if (r.statusCode >= 400 && after !== before) failures.push(`wrote on ${r.statusCode}: ${probe.why}`);
          before = after;
        }
      }
      expect(failures).toEqual([]);
      // The run reached the checks, not only the door: most answers are validation refusals.
      expect(statuses.get(422) ?? 0).toBeGreaterThan(chosen.length / 4);
      expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    },
    Math.max(300_000, LIMIT * 60),
  );
});

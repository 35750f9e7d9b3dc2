import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.ts';

// The OpenAPI document is generated from the routes' zod schemas (the domain's contract), so an
// operation it does not describe is an operation whose shape is written nowhere checkable.

type Schema = Record<string, unknown>;
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const WRITES = new Set(['post', 'put', 'patch']);
const SHAPE_KEYS = ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'not'];

/** Where in `schema` nothing is said about the value (`{}`, or an object of anything). */
export function undescribedAt(schema: unknown, at = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [at];
  const s = schema as Schema;
  if (!SHAPE_KEYS.some((k) => k in s)) return [at];
  const found: string[] = [];
  const props = s.properties as Record<string, unknown> | undefined;
  if (
    s.type === 'object' &&
    props === undefined &&
    !('additionalProperties' in s && isShaped(s.additionalProperties))
  ) {
    found.push(at);
  }
  for (const [name, child] of Object.entries(props ?? {})) found.push(...undescribedAt(child, `${at}.${name}`));
  if (props === undefined && isShaped(s.additionalProperties))
    found.push(...undescribedAt(s.additionalProperties, `${at}[*]`));
  if ('items' in s) found.push(...undescribedAt(s.items, `${at}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, child] of ((s[key] as unknown[] | undefined) ?? []).entries()) {
      found.push(...undescribedAt(child, `${at}|${i}`));
    }
  }
  return found;
}

function isShaped(x: unknown): boolean {
  return typeof x === 'object' && x !== null && SHAPE_KEYS.some((k) => k in x);
}

/** Every fault of one operation: a write without a described body, no described 2xx answer. */
export function operationFaults(method: string, op: Operation): string[] {
  const faults: string[] = [];
  if (WRITES.has(method)) {
    const content = op.requestBody?.content ?? {};
    const schemas = Object.values(content).map((c) => c.schema);
    if (schemas.length === 0) faults.push('no request body');
    for (const schema of schemas) for (const at of undescribedAt(schema)) faults.push(`request body ${at}`);
  }
  for (const param of op.parameters ?? []) {
    for (const at of undescribedAt(param.schema)) faults.push(`${param.in} ${param.name} ${at}`);
  }
  const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (ok.length === 0) faults.push('no 2xx response');
  for (const [status, response] of ok) {
    const content = Object.values(response.content ?? {});
    if (content.length === 0 && status !== '204') faults.push(`response ${status} has no content`);
    for (const c of content) {
      if (status === '204') continue;
      for (const at of undescribedAt(c.schema)) faults.push(`response ${status} ${at}`);
    }
  }
  return faults;
}

describe('the OpenAPI document', () => {
  let t: TestEnv;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    t = await createTestEnv();
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    paths = response.json().paths;
  });
  afterAll(async () => {
    await t.close();
  });

  it('describes the request body and a 2xx answer of every operation', () => {
    const faulty: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const label = `${method.toUpperCase()} ${path}`;
        const faults = operationFaults(method, op);
        operations += 1;
        if (faults.length > 0) faulty.push(`${label}: ${faults.join('; ')}`);
      }
    }
    expect(faulty).toEqual([]);
    // The document really lists the API (an empty one would pass the loop above).
    expect(operations).toBeGreaterThan(80);
  });

  it('finds an undescribed schema where one is planted', () => {
    // The check itself must be able to fail: `{}`, an object of anything, a list of anything.
    expect(
      operationFaults('post', { responses: { 200: { content: { 'application/json': { schema: {} } } } } }),
    ).toEqual(['no request body', 'response 200 $']);
    expect(undescribedAt({ type: 'object', properties: { a: {}, b: { type: 'string' } } })).toEqual(['$.a']);
    expect(undescribedAt({ type: 'object', additionalProperties: {} })).toEqual(['$']);
    expect(undescribedAt({ type: 'array', items: {} })).toEqual(['$[]']);
    expect(undescribedAt({ anyOf: [{ type: 'string' }, {}] })).toEqual(['$|1']);
    expect(operationFaults('get', { responses: { 404: {} } })).toEqual(['no 2xx response']);
    expect(operationFaults('get', { responses: { 204: {} } })).toEqual([]);
  });
});

import { AppError, isStorableText, type EdgeValidationCode } from '@utvag/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationFault } from './validation-messages.ts';

// SECURITY: the edge rules that hold for every route, before any route schema runs. Route
// schemas are built from the domain's edge blocks (text, dates, ids, integers), but this guard
// does not depend on every field having been written with them:
// - every JSON body is parsed here: nested at most MAX_JSON_DEPTH deep (counted before parsing,
//   so a 10,000-deep body costs one linear scan, never a recursion), no `__proto__` keys;
// - every string in a body, query string or path (keys too) passes the text rule: no NUL, no
//   unpaired surrogate — PostgreSQL refuses the first, and the second would be stored changed;
// - path parameters that are UUIDs are lower-cased, so an id is one id however it is written
//   (encrypted fields bind the id into their authenticated data).

/** How deep a JSON body may nest. The deepest real body (an instrument definition) needs 8. */
export const MAX_JSON_DEPTH = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The depth of a JSON text's deepest container, stopping as soon as it passes `max`. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

type Fault = { path: string; code: EdgeValidationCode } | { path: string; code: 'proto' };

/** The first string (value or key) in `value` that breaks the text rule, walked without recursion. */
export function findUnsafeText(value: unknown, allowProtoKeys = false): Fault | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { path, code: 'unsafe_text' };
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: path === '' ? String(i) : `${path}.${i}` }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (!isStorableText(key)) return { path, code: 'unsafe_text' };
        if (key === '__proto__' && !allowProtoKeys) return { path, code: 'proto' };
        stack.push({ value: item, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

function faultError(fault: Fault): AppError {
  // The path names the field, never its value.
  if (fault.code === 'proto') return new AppError('bad_request');
  return validationFault(fault.path, fault.code);
}

/** Parses a JSON body under the edge rules (depth, text, no `__proto__`). */
export function parseGuardedJson(text: string): unknown {
  if (text.trim() === '') throw new AppError('bad_request');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw validationFault('', 'too_deep');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // SECURITY: JSON.parse's message quotes the text around the fault; it is never kept.
    throw new AppError('bad_request');
  }
  const fault = findUnsafeText(body);
  if (fault) throw faultError(fault);
  return body;
}

function guardRequestParts(request: FastifyRequest): void {
  for (const part of ['query', 'params'] as const) {
    const fault = findUnsafeText(request[part], true);
    if (fault) throw faultError(fault);
  }
  const params = request.params as Record<string, unknown> | undefined;
  if (params && typeof params === 'object') {
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === 'string' && UUID.test(value)) params[key] = value.toLowerCase();
    }
  }
}

/** Registers the edge guard: the JSON parser, and the query/path check before validation. */
export function registerInputGuard(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseGuardedJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addHook('preValidation', async (request) => guardRequestParts(request));
}

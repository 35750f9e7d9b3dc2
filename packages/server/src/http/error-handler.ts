import { AppError } from '@utvag/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/database-errors.ts';
import { describeIssue } from './validation-messages.ts';

/** A code safe to log: a PostgreSQL SQLSTATE, a Node or Fastify error code. Never a message. */
const SAFE_CODE = /^(?:[0-9A-Z]{5}|[A-Z][A-Z0-9_]{1,63})$/;

/**
 * What the log may say about an error: the class and code of it and of each cause, the route and
 * the request id. SECURITY: never the message, detail, stack or SQL parameters — a failed insert's
 * message quotes its parameters, and PostgreSQL's detail quotes the offending values (a placement's
 * municipality, a name). The request id finds the rest in a debugger, not in a log file.
 */
export function describeErrorForLog(error: unknown, request: FastifyRequest): Record<string, unknown> {
  const chain: Array<{ class: string; code?: string }> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    chain.push({
      class: current.constructor.name,
      ...(typeof code === 'string' && SAFE_CODE.test(code) ? { code } : {}),
    });
    current = (current as { cause?: unknown }).cause;
  }
  return { route: request.routeOptions.url, method: request.method, reqId: request.id, errors: chain };
}

/** The PostgreSQL SQLSTATE anywhere in an error's cause chain. */
function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Races that lost to another request: a unique key taken meanwhile, a serialization failure or a
 * deadlock. They are a 409 — "someone else changed this, reload" — never a 500.
 */
const CONFLICT_STATES = new Set(['23505', '40001', '40P01']);

function sendFrameworkError(reply: FastifyReply, status: number): FastifyReply {
  return reply.status(status).send({
    error: {
      code: status === 429 ? 'rate_limited' : 'bad_request',
      message: status === 429 ? 'Too many requests. Wait a moment.' : 'The request could not be understood.',
      messageKey: status === 429 ? 'errors.rate_limited' : 'errors.bad_request',
      fields: [],
    },
  });
}

/**
 * Fastify's own answers for a malformed URL or an over-long path parameter (400, 414), in the
 * API's error format instead of Fastify's (which quotes the path).
 */
export function frameworkErrorResponder(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendFrameworkError(reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400);
}

/**
 * Answers for requests Node's HTTP parser refuses before Fastify sees them (headers too large:
 * 431; otherwise 400), in the API's error format.
 */
export function clientErrorResponder(error: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({
    error: {
      code: 'bad_request',
      message: 'The request could not be understood.',
      messageKey: 'errors.bad_request',
      fields: [],
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The one place errors become responses. Only AppError messages reach the client. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | AppError, request, reply) => {
    const state = raw instanceof AppError ? sqlStateOf(raw.cause) : sqlStateOf(raw);
    const cause = raw instanceof AppError && raw.code === 'internal' ? raw.cause : raw;
    // The database died or restarts: a readable 503 the client may retry, not a 500.
    const error = isDatabaseUnavailable(cause)
      ? new AppError('unavailable', { cause: raw })
      : state !== undefined && CONFLICT_STATES.has(state)
        ? new AppError('conflict', { cause: raw })
        : raw;
    if (error instanceof AppError && error.code === 'unavailable') {
      request.log.warn(describeErrorForLog(raw, request), 'database unavailable');
      void reply.header('retry-after', '5');
      return reply.status(503).send({
        error: { code: 'unavailable', message: error.message, messageKey: error.messageKey, fields: [] },
      });
    }
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error(describeErrorForLog(error, request), 'request failed');
      else if (error.code === 'conflict' && error.cause)
        request.log.warn(describeErrorForLog(error, request), 'lost a race');
      return reply.status(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => {
        const described = describeIssue(issue.keyword, issue.message);
        return {
          path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
          message: described.messages.en,
          messageKey: described.messageKey,
          messages: described.messages,
        };
      });
      return reply.status(422).send({
        error: {
          code: 'validation',
          message: 'Some of the information given is not valid.',
          messageKey: 'errors.validation',
          fields,
        },
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Framework errors for bad input (malformed JSON, wrong content type, too large).
      return sendFrameworkError(reply, status);
    }
    request.log.error(describeErrorForLog(error, request), 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Something went wrong.', messageKey: 'errors.internal', fields: [] },
    });
  });
}

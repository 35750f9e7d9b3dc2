import { errorBodySchema, type AppErrorBody, type AppErrorCode, type ErrorField } from '@utvag/domain';
import { z } from 'zod';

/** One field problem in a validation error. */
export type ApiFieldError = ErrorField;

/**
 * The error body every API failure carries (the domain's `AppErrorBody`), plus the codes only the
 * web app names: `network` when no answer came, `passkey_failed` when the browser's passkey step failed,
 * `unexpected_answer` when the server answered outside the contract.
 */
export type ApiErrorBody = {
  error: Omit<AppErrorBody['error'], 'code'> & {
    code: AppErrorCode | 'network' | 'passkey_failed' | 'unexpected_answer';
  };
};

/** The one error type of the web app's API layer; carries the server's error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.error.message);
    this.status = status;
    this.body = body;
  }

  get code(): string {
    return this.body.error.code;
  }

  get messageKey(): string {
    return this.body.error.messageKey;
  }
}

/** True when `x` is an `ApiError`. */
export function isApiError(x: unknown): x is ApiError {
  return x instanceof ApiError;
}

// Calls in the sign-in, enrolment and first-run flows answer 401 as part of their normal work
// (wrong password, expired token); those are shown in place and never mean "session expired".
const SIGN_IN_FLOW_PREFIXES = ['/api/v1/auth/', '/api/v1/enrolment/', '/api/v1/setup'];

type UnauthenticatedHandler = (hadSession: boolean) => void;

let onUnauthenticated: UnauthenticatedHandler = () => {};
let hadSession = false;
let lastActivityAt = Date.now();
const activityListeners = new Set<() => void>();

/** Registers what happens when a signed-in call answers 401 (the app navigates to sign-in). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

/** Marks that the user holds a session, so a later 401 reads as "your session has expired". */
export function markSignedIn(signedIn: boolean): void {
  hadSession = signedIn;
}

/** When the last API request was sent; the server measures idle time from it. */
export function getLastActivityAt(): number {
  return lastActivityAt;
}

/** Subscribes to API activity (used to restart the idle timer). Returns an unsubscribe. */
export function onApiActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

function isSignInFlow(path: string): boolean {
  return SIGN_IN_FLOW_PREFIXES.some((prefix) => path.startsWith(prefix));
}

function fallbackBody(status: number): ApiErrorBody {
  const code =
    status === 401
      ? 'unauthenticated'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : status === 503
              ? 'unavailable'
              : 'internal';
  return { error: { code, message: `HTTP ${status}`, messageKey: `errors.${code}`, fields: [] } };
}

/**
 * What a form sends before the server checks it: the contract's body with its closed choices still
 * open, so an unanswered choice goes as '' and comes back as a translated field error.
 */
export type Draft<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Draft<U>[]
    : T extends object
      ? { [K in keyof T]: Draft<T[K]> }
      : T;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How to call: the method (GET unless a body is given) and the JSON body. */
export type ApiInit = { method?: Method; body?: unknown };

/**
 * Calls the API on the same origin and parses the answer with the contract's schema, so every
 * response the app uses is checked against the domain's description of it and typed from it.
 * The session cookie is HttpOnly and travels by itself.
 * SECURITY: every state-changing call sends `content-type: application/json`, which the server
 * requires together with a matching Origin as its CSRF defence.
 */
export async function api<S extends z.ZodType>(schema: S, path: string, init: ApiInit = {}): Promise<z.output<S>> {
  const method: Method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  lastActivityAt = Date.now();
  for (const listener of activityListeners) listener();

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : JSON.stringify(init.body ?? {}),
    });
  } catch {
    throw new ApiError(0, {
      error: { code: 'network', message: 'Network error', messageKey: 'errors.network', fields: [] },
    });
  }

  const text = response.status === 204 ? '' : await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const known = errorBodySchema.safeParse(parsed);
    const error = new ApiError(response.status, known.success ? known.data : fallbackBody(response.status));
    if (response.status === 401 && !isSignInFlow(path)) {
      const wasSignedIn = hadSession;
      hadSession = false;
      onUnauthenticated(wasSignedIn);
    }
    throw error;
  }

  const checked = schema.safeParse(parsed);
  if (checked.success) return checked.data;
  // The server answered outside the contract: a defect, never shown as data. Only the paths of
  // the faults are logged, never the values (they may be personal data).
  console.error(
    'API answer outside the contract',
    path.split('?')[0],
    checked.error.issues.map((i) => i.path.join('.')),
  );
  throw new ApiError(response.status, {
    error: {
      code: 'unexpected_answer',
      message: 'The answer did not match the API contract',
      messageKey: 'errors.unexpected_answer',
      fields: [],
    },
  });
}

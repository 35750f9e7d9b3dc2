/** One field problem in a validation error. */
export type ApiFieldError = {
  path: string;
  message: string;
  messageKey?: string;
  /** The message in both interface languages, when the server wrote one (instrument faults). */
  messages?: { sv: string; en: string };
};

/** The error body every API failure carries. */
export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    messageKey: string;
    fields?: ApiFieldError[];
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
  return {
    error: { code, message: `HTTP ${status}`, messageKey: `errors.${code}` },
  };
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const error = (x as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API on the same origin. The session cookie is HttpOnly and travels by itself;
 * SECURITY: every state-changing call sends `content-type: application/json`, which the server
 * requires together with a matching Origin as its CSRF defence.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
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
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, {
      error: {
        code: 'network',
        message: 'Network error',
        messageKey: 'errors.network',
      },
    });
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const errorBody = isErrorBody(parsed) ? parsed : fallbackBody(response.status);
    const error = new ApiError(response.status, errorBody);
    if (response.status === 401 && !isSignInFlow(path)) {
      const wasSignedIn = hadSession;
      hadSession = false;
      onUnauthenticated(wasSignedIn);
    }
    throw error;
  }
  return parsed as T;
}

/** GET shorthand. */
export const apiGet = <T>(path: string): Promise<T> => api<T>('GET', path);
/** POST shorthand. */
export const apiPost = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, body);
/** PUT shorthand. */
export const apiPut = <T>(path: string, body?: unknown): Promise<T> => api<T>('PUT', path, body);
/** PATCH shorthand. */
export const apiPatch = <T>(path: string, body?: unknown): Promise<T> => api<T>('PATCH', path, body);
/** DELETE shorthand. */
export const apiDelete = <T>(path: string): Promise<T> => api<T>('DELETE', path);

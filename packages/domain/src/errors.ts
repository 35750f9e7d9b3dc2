/** The closed set of error codes. */
export const APP_ERROR_CODES = [
  'bad_request',
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'rate_limited',
  'internal',
  'unavailable',
] as const;

/** One of the closed set of error codes. */
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** The HTTP status for each error code. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<AppErrorCode, number>> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** A default message for each code; safe to show to anyone. */
const DEFAULT_MESSAGES: Readonly<Record<AppErrorCode, string>> = {
  bad_request: 'The request could not be understood.',
  validation: 'Some of the information given is not valid.',
  unauthenticated: 'Please sign in.',
  forbidden: 'You do not have access to this.',
  not_found: 'Not found.',
  conflict: 'This was changed by someone else. Reload and try again.',
  locked: 'This account is temporarily locked.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  internal: 'Something went wrong.',
  unavailable: 'The service is briefly unavailable. Try again in a moment, and check that your last change was saved.',
};

/** Field errors for a `validation` error: field path → message keys. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** Options for an `AppError`. */
export type AppErrorOptions = {
  /** A message safe to show the user; defaults to the code's generic message. */
  message?: string;
  /** Internal detail for the log only; never sent to the client. */
  cause?: unknown;
  /** Per-field problems for `validation`; message keys, safe to send. */
  fieldErrors?: FieldErrors;
  /** A more specific i18n key than `errors.<code>` (e.g. `errors.invalid_credentials`). */
  messageKey?: string;
  /** Per-field problems with their texts in both languages (instrument faults, answers). */
  fieldMessages?: readonly FieldMessage[];
};

/** One field's problem, told in Swedish and English. */
export type FieldMessage = { path: string; messageKey: string; messages: { sv: string; en: string } };

/** The JSON body of an error response. */
export type AppErrorBody = {
  error: { code: AppErrorCode; message: string; messageKey: string; fieldErrors?: FieldErrors };
};

/**
 * The one error type of the application. Its `message` is safe to show to users; anything
 * internal goes in `cause`, which the error handler logs and never sends.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly status: number;
  /** i18n key for the message, `errors.<code>`. */
  readonly messageKey: string;
  readonly fieldErrors: FieldErrors | undefined;
  readonly fieldMessages: readonly FieldMessage[];

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.status = HTTP_STATUS_BY_CODE[code];
    this.messageKey = options.messageKey ?? `errors.${code}`;
    this.fieldErrors = options.fieldErrors;
    this.fieldMessages = options.fieldMessages ?? [];
  }

  /** The response body; excludes `cause` and the stack. */
  toBody(): AppErrorBody {
    const body: AppErrorBody = {
      error: { code: this.code, message: this.message, messageKey: this.messageKey },
    };
    if (this.fieldErrors !== undefined) body.error.fieldErrors = this.fieldErrors;
    return body;
  }
}

/** True when `x` is an `AppError`. */
export function isAppError(x: unknown): x is AppError {
  return x instanceof AppError;
}

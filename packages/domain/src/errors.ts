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

/**
 * The closed set of specific reasons an error may name beyond its code. Each becomes the message
 * key `errors.<reason>`, which the web app translates; the translation test reads this list, so a
 * reason added here without Swedish and English texts fails the build.
 */
export const ERROR_REASONS = [
  'account_locked',
  'already_on_team',
  'answers_invalid',
  'break_glass_role_too_new',
  'code_taken',
  'confirm_needs_second_person',
  'csrf',
  'end_before_start',
  'forbidden_transition',
  'fresh_second_factor_required',
  'identity_link_exists',
  'instrument_invalid',
  'instrument_version_exists',
  'invalid_code',
  'invalid_credentials',
  'invalid_cursor',
  'link_not_for_admin',
  'mapping_definition_invalid',
  'mapping_definition_version_exists',
  'meeting_cancelled',
  'meeting_in_past',
  'meeting_not_booked',
  'meeting_not_started',
  'name_taken',
  'not_case_staff',
  'not_staff',
  'own_account',
  'own_admin_role',
  'passkey_failed',
  'password_common',
  'password_too_long',
  'password_too_short',
  'period_too_long',
  'personnummer_invalid',
  'session_expired',
  'slot_taken',
  'team_remove_refused',
  'token_invalid',
  'totp_not_allowed',
  'unknown_place',
  'username_taken',
] as const;

/** One specific error reason. */
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Every message key an error may carry: `errors.<code>` or `errors.<reason>`. */
export const ERROR_MESSAGE_KEYS: readonly ErrorMessageKey[] = [...APP_ERROR_CODES, ...ERROR_REASONS].map(
  (k) => `errors.${k}` as const,
);

/** A message key of the `errors.` namespace, from the closed lists above. */
export type ErrorMessageKey = `errors.${AppErrorCode | ErrorReason}`;

/**
 * A message key of the `validation.` namespace: a field fault told by its code (the domain's
 * validation codes, zod's issue kinds, personnummer reasons). Those faults carry their texts in
 * both languages with them, so the web app does not depend on a translation of each.
 */
export type ValidationMessageKey = `validation.${string}`;

/** A message key an error or one of its fields may carry. */
export type FieldMessageKey =
  ErrorMessageKey | ValidationMessageKey | `instrument.${string}` | `mapping_definition.${string}`;

/** Field errors for a `validation` error: field path → message keys. */
export type FieldErrors = Readonly<Record<string, readonly FieldMessageKey[]>>;

/** Options for an `AppError`. */
export type AppErrorOptions = {
  /** A message safe to show the user; defaults to the code's generic message. */
  message?: string;
  /** Internal detail for the log only; never sent to the client. */
  cause?: unknown;
  /** Per-field problems for `validation`; message keys, safe to send. */
  fieldErrors?: FieldErrors;
  /** A more specific i18n key than `errors.<code>` (e.g. `errors.invalid_credentials`). */
  messageKey?: FieldMessageKey;
  /** Per-field problems with their texts in both languages (instrument faults, answers). */
  fieldMessages?: readonly FieldMessage[];
};

/** One field's problem, told in Swedish and English. */
export type FieldMessage = { path: string; messageKey: FieldMessageKey; messages: { sv: string; en: string } };

/** One field's problem as an error response carries it. */
export type ErrorField = {
  path: string;
  message: string;
  messageKey?: string;
  /** The message in both interface languages, when the server wrote one. */
  messages?: { sv: string; en: string };
};

/** The JSON body of every error response (the error handler sends exactly this). */
export type AppErrorBody = {
  error: { code: AppErrorCode; message: string; messageKey: string; fields: ErrorField[] };
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
  readonly messageKey: FieldMessageKey;
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

  /** The response body; excludes `cause` and the stack. Field errors travel as `fields`. */
  toBody(): AppErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageKey: this.messageKey,
        fields: [
          ...Object.entries(this.fieldErrors ?? {}).map(([path, keys]) => ({
            path,
            message: keys.join(', '),
            messageKey: keys[0],
          })),
          ...this.fieldMessages.map((f) => ({
            path: f.path,
            message: f.messages.en,
            messageKey: f.messageKey,
            messages: f.messages,
          })),
        ],
      },
    };
  }
}

/** True when `x` is an `AppError`. */
export function isAppError(x: unknown): x is AppError {
  return x instanceof AppError;
}

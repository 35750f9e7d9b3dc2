import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES, AppError, ERROR_MESSAGE_KEYS, isAppError } from './errors.ts';

describe('AppError', () => {
  it.each([
    ['bad_request', 400],
    ['validation', 422],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['locked', 423],
    ['rate_limited', 429],
    ['internal', 500],
    ['unavailable', 503],
  ] as const)('maps %s to HTTP %i', (code, status) => {
    expect(new AppError(code).status).toBe(status);
  });

  it('has a status, message and message key for every code', () => {
    for (const code of APP_ERROR_CODES) {
      const error = new AppError(code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.messageKey).toBe(`errors.${code}`);
    }
  });

  it('never puts the internal cause in the response body', () => {
    const error = new AppError('internal', { cause: new Error('relation "cases" does not exist at 10.0.0.5') });
    const body = JSON.stringify(error.toBody());
    expect(body).not.toContain('relation');
    expect(body).not.toContain('10.0.0.5');
    expect(error.toBody()).toEqual({
      error: { code: 'internal', message: 'Something went wrong.', messageKey: 'errors.internal', fields: [] },
    });
  });

  it('carries field errors for validation as the fields list the web app reads', () => {
    const error = new AppError('validation', { fieldErrors: { username: ['errors.username_taken'] } });
    expect(error.toBody().error.fields).toEqual([
      { path: 'username', message: 'errors.username_taken', messageKey: 'errors.username_taken' },
    ]);
    expect(error.toBody().error).not.toHaveProperty('fieldErrors');
  });

  it('lists each error message key once, every code and reason under errors.', () => {
    expect(new Set(ERROR_MESSAGE_KEYS).size).toBe(ERROR_MESSAGE_KEYS.length);
    expect(ERROR_MESSAGE_KEYS).toContain('errors.identity_link_exists');
    expect(ERROR_MESSAGE_KEYS).toContain('errors.internal');
    expect(ERROR_MESSAGE_KEYS.every((k) => /^errors\.[a-z_]+$/.test(k))).toBe(true);
  });

  it('is recognised by isAppError and is an Error', () => {
    expect(isAppError(new AppError('forbidden'))).toBe(true);
    expect(isAppError(new Error('forbidden'))).toBe(false);
    expect(new AppError('forbidden')).toBeInstanceOf(Error);
  });
});

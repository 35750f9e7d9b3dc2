import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { api, isApiError } from './client.ts';
import { consentsResponse, meetingHeldResponse } from '../lib/domain.ts';
import en from '../i18n/en.json';
import sv from '../i18n/sv.json';

// Every answer the app uses is parsed with the contract's schema: an answer outside it is a
// defect, refused with a clear error, never rendered as data.

function answer(status: number, body: unknown): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the answer was accepted');
}

const consent = {
  id: '6f1c3a52-6d2b-4f0e-9a57-1c2d3e4f5a6b',
  givenAt: '2026-03-01T10:00:00.000Z',
  method: 'signed_paper',
  witnessName: null,
  attachmentId: null,
  status: 'current',
  withdrawnAt: null,
  withdrawalNote: null,
  recordedBy: '0b7e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
  organisations: [],
};

describe('api(schema, path)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('returns an answer that matches the contract, typed and without fields the contract does not name', async () => {
    answer(200, { consents: [{ ...consent, extra: 'not in the contract' }] });
    const data = await api(consentsResponse, '/api/v1/cases/x/consents');
    expect(data.consents[0]?.status).toBe('current');
    expect(data.consents[0]).not.toHaveProperty('extra');
  });

  it('refuses an answer outside the contract with a clear error, and logs where, never the values', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A drift like the web's old Meeting type: a field the contract requires is missing.
    answer(200, { meeting: { id: '6f1c3a52-6d2b-4f0e-9a57-1c2d3e4f5a6b', status: 'held', secret: 'Skyddsgatan 1' } });
    const error = await refusal(api(meetingHeldResponse, '/api/v1/meetings/x/held', { body: {} }));
    expect(isApiError(error)).toBe(true);
    if (!isApiError(error)) return;
    expect(error.code).toBe('unexpected_answer');
    expect(error.messageKey).toBe('errors.unexpected_answer');
    expect(sv.errors.unexpected_answer).toMatch(/\S/);
    expect(en.errors.unexpected_answer).toMatch(/\S/);
    expect(log).toHaveBeenCalledWith('API answer outside the contract', '/api/v1/meetings/x/held', ['meeting.heldAt']);
    expect(JSON.stringify(log.mock.calls)).not.toContain('Skyddsgatan');
  });

  it('refuses a wrong type as firmly as a missing field', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    answer(200, { consents: [{ ...consent, status: 'maybe' }] });
    const error = await refusal(api(consentsResponse, '/api/v1/cases/x/consents'));
    expect(isApiError(error) && error.code).toBe('unexpected_answer');
  });

  it('keeps the server’s own error for a refused request', async () => {
    answer(403, { error: { code: 'forbidden', message: 'No.', messageKey: 'errors.forbidden', fields: [] } });
    const error = await refusal(api(z.object({}), '/api/v1/cases/x'));
    expect(isApiError(error) && error.status).toBe(403);
    expect(isApiError(error) && error.code).toBe('forbidden');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopInOrder } from '../src/cli/start.command.ts';
import { createTestEnv, createUser, signIn, type TestEnv } from './harness.ts';

/** A logger that keeps what it was told, to check which step a stop names. */
function recordingLog() {
  const lines: { level: 'info' | 'error'; fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    info: (fields: object, message: string) =>
      lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
    error: (fields: object, message: string) =>
      lines.push({ level: 'error', fields: fields as Record<string, unknown>, message }),
  };
}

describe('an orderly stop', () => {
  it('runs every step in order and exits with 0', async () => {
    const log = recordingLog();
    const ran: string[] = [];
    const code = await stopInOrder(
      [
        ['first', async () => void ran.push('first')],
        ['second', async () => void ran.push('second')],
      ],
      log,
    );
    expect(code).toBe(0);
    expect(ran).toEqual(['first', 'second']);
    expect(log.lines.map((l) => l.fields.step ?? l.message)).toEqual(['first', 'second', 'stopped']);
  });

  it('goes on after a failing step, so the database and the port are still released', async () => {
    const log = recordingLog();
    const ran: string[] = [];
    const code = await stopInOrder(
      [
        [
          'sealer',
          async () => {
            throw new Error('connection terminated');
          },
        ],
        ['pool', async () => void ran.push('pool')],
      ],
      log,
    );
    expect(code).toBe(0);
    expect(ran).toEqual(['pool']);
    expect(log.lines.find((l) => l.level === 'error')?.fields.step).toBe('sealer');
  });

  it('gives up on a step that never returns, names it, and exits with 1', async () => {
    const log = recordingLog();
    const ran: string[] = [];
    const code = await stopInOrder(
      [
        ['the HTTP server', () => new Promise(() => {})],
        ['never reached', async () => void ran.push('never reached')],
      ],
      log,
      200,
    );
    expect(code).toBe(1);
    expect(ran).toEqual([]);
    const failure = log.lines.find((l) => l.level === 'error');
    expect(failure?.fields.step).toBe('the HTTP server');
    expect(failure?.message).toMatch(/did not finish in time/);
  });
});

describe('closing the server with a screen still listening for live events', () => {
  let t: TestEnv;

  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ends the open event stream instead of waiting for the browser to go away', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'] });
    const cookie = await signIn(t, coordinator);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/v1/events', headers: { cookie: `utvag_session=${cookie}` } },
        resolve,
      );
      req.on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => stream.once('end', resolve).resume());

    // Without ending the stream, close waits for this client forever (it never hangs up itself).
    const outcome = await Promise.race([
      t.app.close().then(() => 'closed' as const),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000)),
    ]);
    if (outcome === 'hung') stream.destroy(); // let the cleanup's close finish
    expect(outcome).toBe('closed');
    await ended;
  });
});

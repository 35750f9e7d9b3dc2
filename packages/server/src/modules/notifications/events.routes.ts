import { liveEventData, liveEventStream } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import { withTransaction } from '../../db/database.ts';
import { requireSession } from '../../http/context.ts';
import { CONTENT_SECURITY_POLICY } from '../../http/security-headers.ts';
import { SESSION_COOKIE, resolveSession } from '../auth/sessions.service.ts';

const HEARTBEAT_MS = 25_000;
const SESSION_CHECK_MS = 30_000;

/**
 * GET /api/v1/events — Server-Sent Events for the signed-in user's open screens. The stream ends
 * as soon as the session does (sign-out, deactivation, idle or absolute timeout); watching the
 * stream does not itself keep a session alive.
 */
export async function eventRoutes(app: FastifyInstance) {
  // An open stream is never idle, so the server's close would wait for every screen to go away:
  // end them all when the server stops (the browser's EventSource reconnects to another instance).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });
  app.get(
    '/events',
    {
      schema: {
        description: 'Server-Sent Events for the signed-in user: cases that need attention, by code.',
        response: liveEventStream,
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const token = request.cookies[SESSION_COOKIE]!;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'referrer-policy': 'no-referrer',
      });
      res.write(': connected\n\n');
      const unsubscribe = app.deps.live.subscribe(session.userId, (event) => {
        // Only the contract's fields leave (the addressee stays on the server); an event outside
        // the contract is a defect and is not sent.
        const data = liveEventData.safeParse(event);
        if (data.success) res.write(`event: ${event.type}\ndata: ${JSON.stringify(data.data)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const check = setInterval(() => {
        void withTransaction(app.deps.database.db, {}, (tx) => resolveSession(tx, token, new Date(), { touch: false }))
          .then((live) => {
            if (!live) close();
          })
          .catch(close);
      }, SESSION_CHECK_MS);
      const close = () => {
        open.delete(close);
        clearInterval(heartbeat);
        clearInterval(check);
        unsubscribe();
        res.end();
      };
      open.add(close);
      request.raw.on('close', close);
    },
  );
}

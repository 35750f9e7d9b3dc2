import { AppError } from '@utvag/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE, resolveSessionOnce } from '../modules/auth/sessions.service.ts';

/** Sets the session cookie. SECURITY: HttpOnly, SameSite=Strict, Secure, host-only. */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: true, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: true, path: '/' });
}

/**
 * Resolves the session cookie on every request and enforces each route's `auth` level.
 * SECURITY: deny by default — a route must say `auth: 'public'` to be reachable unsigned.
 */
export function registerSessionHook(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await resolveSessionOnce(app.deps.database.db, token);
    }
    // Unknown paths fall to the not-found handler (the web app's pages, or a 404).
    const level = request.is404 ? 'public' : (request.routeOptions.config.auth ?? 'full');
    if (level === 'public') return;
    if (level === 'second_factor') {
      if (request.session?.stage !== 'password') {
        throw new AppError('unauthenticated', {
          messageKey: 'errors.session_expired',
          message: 'Start the sign-in again.',
        });
      }
      return;
    }
    if (request.session?.stage !== 'full') throw new AppError('unauthenticated');
  });
}

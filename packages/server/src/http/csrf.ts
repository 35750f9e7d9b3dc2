import { AppError } from '@utvag/domain';
import type { FastifyInstance } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SECURITY: cross-site request forgery. Besides SameSite=Strict cookies, every state-changing
 * request must carry an Origin header naming this server's public origin. Browsers always send
 * Origin on such requests and a page on another site cannot forge it.
 */
export function registerCsrfProtection(app: FastifyInstance, publicOrigin: string): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.headers.origin !== publicOrigin) {
      throw new AppError('forbidden', {
        message: 'The request did not come from this site.',
        messageKey: 'errors.csrf',
      });
    }
  });
}

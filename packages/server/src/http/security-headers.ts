import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** SECURITY: no inline script anywhere; the app is never framed; nothing leaks via Referer. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the security headers to every response, and forbids caching of API answers. */
export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const setHeaders = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (https) reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    if (request.url.startsWith('/api/') || request.url.startsWith('/healthz') || request.url.startsWith('/readyz')) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
  };
  // Responses that no route produced (the not-found handler, early errors).
  app.addHook('onSend', setHeaders);
  // SECURITY: a plugin's own onSend hooks run after the root's and may weaken these headers
  // (swagger-ui sets a CSP allowing framing by 'self'). A route's own hooks run last of all, so
  // every route re-applies ours at the end.
  app.addHook('onRoute', (route) => {
    const existing = route.onSend ? [route.onSend].flat() : [];
    route.onSend = [...existing, setHeaders];
  });
}

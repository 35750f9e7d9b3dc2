import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './service-context.ts';
import { registerCsrfProtection } from './http/csrf.ts';
import { clientErrorResponder, frameworkErrorResponder, registerErrorHandler } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerSessionHook } from './http/session-hook.ts';
import { memberConfirmationRoutes } from './modules/admin/member-confirmation.routes.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { enrolmentRoutes } from './modules/auth/enrolment.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { callRoutes } from './modules/calls/calls.routes.ts';
import { instrumentRoutes } from './modules/instruments/instruments.routes.ts';
import { meRoutes } from './modules/me/me.routes.ts';
import { eventRoutes } from './modules/notifications/events.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { protectionRoutes } from './modules/protection/protection.routes.ts';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes.ts';
import { mappingRoutes } from './modules/mapping/mapping.routes.ts';
import { riskRoutes } from './modules/risk/risk.routes.ts';
import { threatActorRoutes } from './modules/threat-actors/threat-actors.routes.ts';

/** The largest body any route takes unless it raises its own limit (attachments). */
export const BODY_LIMIT = 1024 * 1024;

export type RegisteredRoute = { method: string; url: string; auth: 'public' | 'second_factor' | 'full' };

export type App = FastifyInstance & { registeredRoutes: RegisteredRoute[] };

/** Builds the HTTP application. Nothing here listens; `start` does that. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Behind a reverse proxy the client address (for sign-in throttling) comes from X-Forwarded-For
    // only when the proxy is named in UTVAG_TRUST_PROXY.
    trustProxy: deps.config.trustProxy,
    // SECURITY: every route's body is bounded (routes that take files raise it for themselves),
    // and so are path parameters, so a request's size is known before it is read.
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorResponder,
    clientErrorHandler: clientErrorResponder,
    // SECURITY: request logs carry method, route and status only — never bodies or query strings.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.registeredRoutes = [];
  app.addHook('onRoute', (route) => {
    // SECURITY: every /api/v1 route needs a full session unless it declares otherwise. Outside
    // /api/v1 are only the web app's static files, the API documentation and health checks.
    if (!route.url.startsWith('/api/v1/')) route.config = { ...route.config, auth: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.registeredRoutes.push({ method, url: route.url, auth: route.config?.auth ?? 'full' });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url, status: reply.statusCode }, 'request');
  });

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  // Responses over 1 KB are compressed (gzip, or brotli at a low quality so it costs little CPU
  // per request). The event stream is hijacked and written raw, so it is never buffered here.
  // SECURITY (BREACH): the session cookie is SameSite=Strict, so another site cannot make the
  // browser send the credentialed requests whose compressed sizes it would need to observe.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerSecurityHeaders(app, deps.config.publicUrl.protocol === 'https:');
  registerCsrfProtection(app, deps.config.publicUrl.origin);
  registerErrorHandler(app);
  registerInputGuard(app);
  registerSessionHook(app);

  await app.register(swagger, {
    openapi: { info: { title: 'Utväg API', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, staticCSP: true });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(enrolmentRoutes, { prefix: '/api/v1' });
  await app.register(meRoutes, { prefix: '/api/v1' });
  await app.register(adminRoutes, { prefix: '/api/v1/admin' });
  await app.register(memberConfirmationRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1/audit' });
  await app.register(caseRoutes, { prefix: '/api/v1' });
  await app.register(schedulingRoutes, { prefix: '/api/v1' });
  await app.register(callRoutes, { prefix: '/api/v1' });
  await app.register(instrumentRoutes, { prefix: '/api/v1' });
  await app.register(eventRoutes, { prefix: '/api/v1' });
  await app.register(meetingRoutes, { prefix: '/api/v1' });
  await app.register(assessmentRoutes, { prefix: '/api/v1' });
  await app.register(protectionRoutes, { prefix: '/api/v1' });
  await app.register(riskRoutes, { prefix: '/api/v1' });
  await app.register(threatActorRoutes, { prefix: '/api/v1' });
  await app.register(mappingRoutes, { prefix: '/api/v1' });

  registerWebApp(app, deps);
  return app;
}

/** Hashed file names (Vite's `name-HASH.ext` under /assets/) never change content: cache them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app; unknown non-API paths get index.html for client-side routing.
 * index.html is `no-cache` (always revalidated) so a new release's chunk names are seen at once;
 * the hashed assets it names are immutable (decision 016).
 */
function registerWebApp(app: App, deps: AppDeps): void {
  const dist = deps.webDist;
  const hasWeb = dist !== null && existsSync(path.join(dist, 'index.html'));
  if (hasWeb) {
    const assets = path.join(dist, 'assets') + path.sep;
    void app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      serveDotFiles: false,
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler({ preHandler: undefined }, async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    // The not-found handler is no route, so the compression hook is not on it: compress here.
    if (isPage && hasWeb) {
      const html = await readFile(path.join(dist, 'index.html'));
      const accepted = String(request.headers['accept-encoding'] ?? '');
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(zlib.brotliCompressSync(html));
      if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(html));
      return reply.send(html);
    }
    return reply.status(404).send({
      error: { code: 'not_found', message: 'Not found.', messageKey: 'errors.not_found', fields: [] },
    });
  });
}

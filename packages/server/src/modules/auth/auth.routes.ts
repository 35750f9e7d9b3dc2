import {
  emptyBody,
  loginBody,
  loginResponse,
  noContent,
  okResponse,
  passkeyRequestOptions,
  passkeyVerifyBody,
  recoveryBody,
  stepUpResponse,
  totpBody,
} from '@utvag/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clientAddress, requireSession, withActor } from '../../http/context.ts';
import { stepUp, stepUpPasskeyOptions } from './step-up.service.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-hook.ts';
import {
  completeSecondFactor,
  passkeySignInOptions,
  signInWithPassword,
  signOut,
  signOutEverywhere,
} from './auth.service.ts';

/** Sign-in in two steps (password, then passkey / TOTP / recovery code), and sign-out. */
export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) => {
      // SECURITY: whatever session came in is ended and replaced; a new id is issued here and again at the second factor.
      const { token, methods } = await signInWithPassword(app.deps, {
        ...request.body,
        address: clientAddress(request),
        replacesSessionId: request.session?.id ?? null,
      });
      setSessionCookie(reply, token);
      return { next: 'second_factor' as const, methods };
    },
  );

  app.post(
    '/auth/passkey/options',
    { config: { auth: 'second_factor' }, schema: { body: emptyBody, response: { 200: passkeyRequestOptions } } },
    async (request) => passkeySignInOptions(app.deps, request.session!),
  );

  app.post(
    '/auth/passkey/verify',
    { config: { auth: 'second_factor' }, schema: { body: passkeyVerifyBody, response: { 200: okResponse } } },
    async (request, reply) => {
      const { token } = await completeSecondFactor(
        app.deps,
        request.session!,
        { method: 'passkey', response: request.body.response as never },
        clientAddress(request),
      );
      setSessionCookie(reply, token);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/totp',
    { config: { auth: 'second_factor' }, schema: { body: totpBody, response: { 200: okResponse } } },
    async (request, reply) => {
      const { token } = await completeSecondFactor(
        app.deps,
        request.session!,
        { method: 'totp', code: request.body.code },
        clientAddress(request),
      );
      setSessionCookie(reply, token);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/recovery',
    { config: { auth: 'second_factor' }, schema: { body: recoveryBody, response: { 200: okResponse } } },
    async (request, reply) => {
      const { token } = await completeSecondFactor(
        app.deps,
        request.session!,
        { method: 'recovery', code: request.body.code },
        clientAddress(request),
      );
      setSessionCookie(reply, token);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/logout',
    { config: { auth: 'public' }, schema: { body: emptyBody, response: { 204: noContent } } },
    async (request, reply) => {
      if (request.session) await signOut(app.deps, request.session);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/logout-everywhere',
    { schema: { body: emptyBody, response: { 204: noContent } } },
    async (request, reply) => {
      await withActor(request, signOutEverywhere);
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  // A fresh second-factor check inside a signed-in session, before the most sensitive views.
  app.post('/auth/step-up/totp', { schema: { body: totpBody, response: { 200: stepUpResponse } } }, async (request) =>
    stepUp(app.deps, requireSession(request), { method: 'totp', code: request.body.code }, clientAddress(request)),
  );
  app.post(
    '/auth/step-up/passkey/options',
    { schema: { body: emptyBody, response: { 200: passkeyRequestOptions } } },
    async (request) => withActor(request, (ctx) => stepUpPasskeyOptions(ctx, requireSession(request))),
  );
  app.post(
    '/auth/step-up/passkey/verify',
    { schema: { body: passkeyVerifyBody, response: { 200: stepUpResponse } } },
    async (request) =>
      stepUp(
        app.deps,
        requireSession(request),
        { method: 'passkey', response: request.body.response as never },
        clientAddress(request),
      ),
  );
}

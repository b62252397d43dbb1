import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '#src/server/error-schema';
import type { Actor } from './actor';
import { changePasswordBodySchema, type MeResponse, meSchema, signInBodySchema } from './auth.schemas';
import { changePassword, signIn, signOut } from './auth.service';
import { actorOf, clearSessionCookie, setSessionCookie } from './authenticate.hook';
import { SESSION_COOKIE } from './session-token';

function toMe(actor: Omit<Actor, 'sourceIp'> & { teamName: string | null }): MeResponse {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    teamId: actor.teamId,
    teamName: actor.teamName,
    permissions: [...actor.permissions],
  };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.security.cookieSecure;

  app.post(
    '/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets a fresh HttpOnly session cookie (attempts limited per username and per address: 429 with Retry-After)',
        body: signInBodySchema,
        response: {
          200: meSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { token, me } = await signIn(
        app.stores.handle.db,
        app.config.security,
        { ...request.body, previousToken: request.cookies[SESSION_COOKIE] },
        { sourceIp: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      setSessionCookie(reply, token, secure);
      return toMe(me);
    },
  );

  app.post(
    '/sign-out',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.null(), 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(app.stores.handle.db, actorOf(request), token);
      clearSessionCookie(reply, secure);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with role and permissions',
        response: { 200: meSchema, 401: errorResponseSchema },
      },
    },
    async (request) => toMe(actorOf(request)),
  );

  app.post(
    '/password',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (minimum length, not a common password)',
        body: changePasswordBodySchema,
        response: { 204: z.null(), 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      await changePassword(app.stores.handle.db, actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
};

import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '#src/lib/app-error';
import { retryAfterSeconds } from '../audit/rate-limit';
import type { Actor } from './actor';
import { actorFromSession } from './auth.service';
import type { Permission } from './permissions';
import { SESSION_COOKIE } from './session-token';

/** `public`: no session needed. `permission`: what the role must hold ('signed-in': every role). */
declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
    permission?: Permission | 'signed-in';
  }
  interface FastifyRequest {
    actor: (Actor & { teamName: string | null }) | null;
  }
}

/**
 * Default deny for the API: every /api route must be declared public or name the permission it
 * needs, or it answers 403 to everyone. Object-level scope is the services' job (subscriber-scope.ts).
 */
async function authenticate(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Unknown routes answer 404 to everyone; the console's own files need no session.
    if (!request.routeOptions.url?.startsWith('/api/') || request.is404) return;
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await actorFromSession(app.stores.handle.db, app.config.security, token, request.ip);
    }
    if (config.public) return;
    if (!request.actor)
      throw new AppError('UNAUTHENTICATED', 'Sign in first; the session is missing or has ended');
    const needed = config.permission;
    if (!needed) throw new AppError('FORBIDDEN', 'This operation is not open to any role');
    if (needed !== 'signed-in' && !request.actor.permissions.includes(needed)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this operation');
    }
  });
  // A request refused by a rate limit says when to come back (Retry-After, RFC 9110). onError runs
  // just before the one error handler writes the body, for every route, as this plugin's hooks do.
  app.addHook('onError', async (_request, reply, error) => {
    const seconds = retryAfterSeconds(error);
    if (seconds !== null) reply.header('retry-after', String(seconds));
  });
}

export const authenticatePlugin = fp(authenticate, { name: 'vipdesk-authenticate' });

/** The signed-in actor of a route that declared a permission (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor & { teamName: string | null } {
  if (!request.actor)
    throw new AppError('UNAUTHENTICATED', 'Sign in first; the session is missing or has ended');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

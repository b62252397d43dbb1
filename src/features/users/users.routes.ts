import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import {
  endedSessionsSchema,
  newUserBodySchema,
  teamListSchema,
  userIdParamsSchema,
  userListSchema,
  userSchema,
} from './users.schemas';
import { createUser, disableUser, enableUser, endSessionsOf, listTeams, listUsers } from './users.service';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;
  const config = { permission: 'users.manage' as const };

  app.get(
    '/users',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Users with role, team, lock and sessions',
        response: { 200: userListSchema, ...errors },
      },
    },
    async () => ({ items: await listUsers(db()) }),
  );

  app.get(
    '/teams',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Teams with their lead',
        response: { 200: teamListSchema, ...errors },
      },
    },
    async () => ({ items: await listTeams(db()) }),
  );

  app.post(
    '/users',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Create a user (password policy applies)',
        body: newUserBodySchema,
        response: { 201: userSchema, ...errors, 409: errorResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(db(), request.body, actorOf(request))),
  );

  const byId = {
    params: userIdParamsSchema,
    response: { 200: userSchema, ...errors, 404: errorResponseSchema, 409: errorResponseSchema },
  };
  app.post(
    '/users/:id/disable',
    { config, schema: { tags: ['users'], summary: 'Disable a user and end all their sessions', ...byId } },
    async (request) => disableUser(db(), actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/enable',
    { config, schema: { tags: ['users'], summary: 'Enable a user again (clears a lock)', ...byId } },
    async (request) => enableUser(db(), actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/sessions/end',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'End every session of a user',
        params: userIdParamsSchema,
        response: { 200: endedSessionsSchema, ...errors, 404: errorResponseSchema },
      },
    },
    async (request) => endSessionsOf(db(), actorOf(request), request.params.id),
  );
};

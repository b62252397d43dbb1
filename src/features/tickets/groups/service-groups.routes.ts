import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../../auth/authenticate.hook';
import {
  createServiceGroupBodySchema,
  replaceServiceGroupBodySchema,
  serviceGroupIdParamsSchema,
  serviceGroupListSchema,
  serviceGroupSchema,
} from './service-groups.schemas';
import { createServiceGroup, listServiceGroups, updateServiceGroup } from './service-groups.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/** Service groups: who works a routed ticket, and who hears of its escalations. */
export const serviceGroupsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.get(
    '/service-groups',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'Service groups with lead, manager and members (capacity and open tickets)',
        response: { 200: serviceGroupListSchema, ...denied },
      },
    },
    async () => listServiceGroups(db()),
  );

  app.post(
    '/service-groups',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['tickets'],
        summary: 'Create a service group ahead of its first routed ticket',
        body: createServiceGroupBodySchema,
        response: { 201: serviceGroupSchema, 400: errorResponseSchema, ...denied, 409: errorResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createServiceGroup(db(), actorOf(request), request.body.name)),
  );

  app.put(
    '/service-groups/:id',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['tickets'],
        summary: "Replace a group's lead, manager and members",
        params: serviceGroupIdParamsSchema,
        body: replaceServiceGroupBodySchema,
        response: { 200: serviceGroupSchema, 400: errorResponseSchema, ...denied, 404: errorResponseSchema },
      },
    },
    async (request) => updateServiceGroup(db(), actorOf(request), request.params.id, request.body),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  listSubscribersQuerySchema,
  subscriberDetailSchema,
  subscriberIdParamsSchema,
  subscriberPageSchema,
} from './subscribers.schemas';
import { getSubscriber, listSubscribers } from './subscribers.service';

export const subscriberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['subscribers'],
        summary: 'List subscribers, paged and filtered (personal data masked)',
        querystring: listSubscribersQuerySchema,
        response: { 200: subscriberPageSchema, 400: errorResponseSchema },
      },
    },
    async (request) => listSubscribers(app.stores.handle.db, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['subscribers'],
        summary: 'One subscriber with plan, status history, contracts and complaints (masked)',
        params: subscriberIdParamsSchema,
        response: { 200: subscriberDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getSubscriber(app.stores.handle.db, request.params.id),
  );
};

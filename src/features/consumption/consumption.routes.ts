import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { scopeCondition, subscriberScopeOf } from '#src/features/auth/subscriber-scope';
import { requireSubscriberInScope } from '#src/features/subscribers/subscriber-access';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  consumptionParamsSchema,
  segmentConsumptionQuerySchema,
  segmentConsumptionSchema,
  subscriberConsumptionSchema,
} from './consumption.schemas';
import { getSegmentConsumption, getSubscriberConsumption } from './consumption.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/**
 * Consumption analysis (DOMAIN §8): one subscriber's revenue by part, change against their own
 * history and against peers of the same tier and city, and time of day; and the same per segment.
 * Both read the current scoring run only — screens never scan the usage store. Prefix /api.
 */
export const consumptionRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;

  app.get(
    '/subscribers/:id/consumption',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['consumption'],
        summary:
          'One subscriber’s consumption: voice / data / value-added revenue per month, last month vs own 3-month mean and vs tier × city peers (quartiles), night share of data',
        params: consumptionParamsSchema,
        response: {
          200: subscriberConsumptionSchema,
          400: errorResponseSchema,
          404: errorResponseSchema,
          ...denied,
        },
      },
    },
    async (request) => {
      await requireSubscriberInScope(
        handle().db,
        actorOf(request),
        request.params.id,
        'subscriber.consumption',
      );
      return getSubscriberConsumption(handle(), request.params.id);
    },
  );

  app.get(
    '/consumption/segments',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags: ['consumption'],
        summary:
          'Consumption per tier × city of the current run: subscribers, ARPU mean and median, revenue split, minutes and data medians, month-over-month spend; leads see their team’s books',
        querystring: segmentConsumptionQuerySchema,
        response: { 200: segmentConsumptionSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => {
      const scope = scopeCondition(subscriberScopeOf(actorOf(request)), sql.raw('s.subscriber_id'));
      return getSegmentConsumption(handle(), request.query, scope);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { agentTagsBodySchema, agentTagsSchema } from './agent-tags';
import { unmaskBodySchema, unmaskedSchema } from './personal-data.schemas';
import { exportSubscribers, unmaskSubscriber } from './personal-data.service';
import { subscriber360Schema, view360QuerySchema } from './subscriber-360.schemas';
import { getSubscriber360, updateAgentTags } from './subscriber-360.service';
import {
  listSubscribersQuerySchema,
  subscriberDetailSchema,
  subscriberFiltersSchema,
  subscriberIdParamsSchema,
  subscriberPageSchema,
} from './subscribers.schemas';
import { getSubscriber, listSubscribers, subscriberFilters } from './subscribers.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

export const subscriberRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;
  const limits = () => app.config.security;

  app.get(
    '/',
    {
      config: { permission: 'subscribers.search' },
      schema: {
        tags: ['subscribers'],
        summary:
          'Search subscribers in my scope: number suffix, name, region, tier, signal, risk band (masked)',
        querystring: listSubscribersQuerySchema,
        response: { 200: subscriberPageSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listSubscribers(db(), actorOf(request), request.query),
  );

  app.get(
    '/filters',
    {
      config: { permission: 'subscribers.search' },
      schema: {
        tags: ['subscribers'],
        summary: 'The choices of the search filters',
        response: { 200: subscriberFiltersSchema, ...denied },
      },
    },
    async () => subscriberFilters(db()),
  );

  app.get(
    '/export',
    {
      config: { permission: 'subscribers.export' },
      schema: {
        tags: ['subscribers'],
        summary:
          'Export full personal data of the matching subscribers in my scope as CSV (audited, limited)',
        querystring: listSubscribersQuerySchema.extend({ reason: z.string().trim().min(5).max(200) }),
        response: {
          // Sent as text/csv; declared so, not as a JSON string.
          200: {
            content: { 'text/csv': { schema: z.string().describe('CSV of the matching subscribers') } },
          },
          400: errorResponseSchema,
          ...denied,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { reason, ...query } = request.query;
      const { csv } = await exportSubscribers(db(), actorOf(request), query, reason, limits());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="subscribers.csv"')
        .send(csv);
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['subscribers'],
        summary: 'One subscriber with plan, status history, contracts and complaints (masked)',
        params: subscriberIdParamsSchema,
        response: { 200: subscriberDetailSchema, ...byIdErrors },
      },
    },
    async (request) => getSubscriber(db(), actorOf(request), request.params.id),
  );

  app.get(
    '/:id/360',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['subscribers'],
        summary:
          'The subscriber 360: profile, plan, contract, score with reasons, moments, history, tags (masked)',
        params: subscriberIdParamsSchema,
        querystring: view360QuerySchema,
        response: { 200: subscriber360Schema, ...byIdErrors },
      },
    },
    async (request) =>
      getSubscriber360(db(), actorOf(request), request.params.id, {
        locale: request.query.lang,
        timeZone: app.config.timeZone,
      }),
  );

  app.post(
    '/:id/unmask',
    {
      config: { permission: 'subscribers.unmask' },
      schema: {
        tags: ['subscribers'],
        summary: 'Reveal full MSISDN / ID number for a stated reason (audited, rate-limited per user)',
        params: subscriberIdParamsSchema,
        body: unmaskBodySchema,
        response: { 200: unmaskedSchema, ...byIdErrors, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // Revealed values must never sit in a shared cache.
      reply.header('cache-control', 'no-store');
      return unmaskSubscriber(db(), actorOf(request), request.params.id, request.body, limits());
    },
  );

  app.put(
    '/:id/tags',
    {
      config: { permission: 'subscribers.editTags' },
      schema: {
        tags: ['subscribers'],
        summary: "Save the phone manager's call tags (owner only)",
        params: subscriberIdParamsSchema,
        body: agentTagsBodySchema,
        response: { 200: agentTagsSchema, ...byIdErrors },
      },
    },
    async (request) => updateAgentTags(db(), actorOf(request), request.params.id, request.body),
  );
};

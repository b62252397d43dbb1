import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { subscriberScores } from '#src/db/schema/scoring';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { scopeCondition, subscriberScopeOf } from '#src/features/auth/subscriber-scope';
import { requireSubscriberInScope } from '#src/features/subscribers/subscriber-access';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  listScoresQuerySchema,
  scoreDetailSchema,
  scoreHistorySchema,
  scoreLocaleQuerySchema,
  scorePageSchema,
  scoreSubscriberParamsSchema,
} from './scores.schemas';
import { getScore, getScoreHistory, listScores } from './scores.service';

/** Reading scores: the current run's list and one subscriber's score and history. Prefix /api. */
export const scoreRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/scores',
    {
      config: { permission: 'scores.read' },
      schema: {
        tags: ['scores'],
        summary: 'Scored subscribers of the current run, filtered, sorted and paged',
        querystring: listScoresQuerySchema,
        response: { 200: scorePageSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const scope = scopeCondition(subscriberScopeOf(actorOf(request)), subscriberScores.subscriberId);
      return listScores(app.stores.handle.db, request.query, scope);
    },
  );

  app.get(
    '/subscribers/:id/score',
    {
      config: { permission: 'scores.read' },
      schema: {
        tags: ['scores'],
        summary: 'One subscriber’s current score: tier, signals with evidence, reasons, key moments',
        params: scoreSubscriberParamsSchema,
        querystring: scoreLocaleQuerySchema,
        response: { 200: scoreDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      await requireSubscriberInScope(
        app.stores.handle.db,
        actorOf(request),
        request.params.id,
        'subscriber.score',
      );
      return getScore(app.stores.handle.db, request.params.id, request.query.lang);
    },
  );

  app.get(
    '/subscribers/:id/scores',
    {
      config: { permission: 'scores.read' },
      schema: {
        tags: ['scores'],
        summary: 'One subscriber’s scores in every kept run, newest first',
        params: scoreSubscriberParamsSchema,
        response: { 200: scoreHistorySchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      await requireSubscriberInScope(
        app.stores.handle.db,
        actorOf(request),
        request.params.id,
        'subscriber.scores',
      );
      return getScoreHistory(app.stores.handle.db, request.params.id);
    },
  );
};

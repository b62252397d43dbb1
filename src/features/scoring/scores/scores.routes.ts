import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
      schema: {
        tags: ['scores'],
        summary: 'Scored subscribers of the current run, filtered, sorted and paged',
        querystring: listScoresQuerySchema,
        response: { 200: scorePageSchema, 400: errorResponseSchema },
      },
    },
    async (request) => listScores(app.stores.handle.db, request.query),
  );

  app.get(
    '/subscribers/:id/score',
    {
      schema: {
        tags: ['scores'],
        summary: 'One subscriber’s current score: tier, signals with evidence, reasons, key moments',
        params: scoreSubscriberParamsSchema,
        querystring: scoreLocaleQuerySchema,
        response: { 200: scoreDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getScore(app.stores.handle.db, request.params.id, request.query.lang),
  );

  app.get(
    '/subscribers/:id/scores',
    {
      schema: {
        tags: ['scores'],
        summary: 'One subscriber’s scores in every kept run, newest first',
        params: scoreSubscriberParamsSchema,
        response: { 200: scoreHistorySchema, 400: errorResponseSchema },
      },
    },
    async (request) => getScoreHistory(app.stores.handle.db, request.params.id),
  );
};

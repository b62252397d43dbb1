import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { startScoringRun } from './run-scoring';
import {
  runIdParamsSchema,
  runListSchema,
  runSchema,
  startedRunSchema,
  startRunBodySchema,
} from './runs.schemas';
import { getRun, getRuns } from './runs.service';
import { scoringContextFor } from './scoring-context';

/** Starting and following scoring runs. Prefix /api/scoring. */
export const runRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/runs',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'Start a scoring run; answers at once with its id (follow it with GET /runs/:id)',
        body: startRunBodySchema,
        response: { 202: startedRunSchema, 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const started = await startScoringRun(scoringContextFor(app.config, app.stores), {
        asOf: request.body.asOf,
        trigger: 'api',
      });
      started.finished.catch((error: unknown) => request.log.error({ err: error }, 'scoring run failed'));
      return reply.status(202).send({ runId: started.runId, asOf: started.asOf });
    },
  );

  app.get(
    '/runs',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'The latest scoring runs, newest first',
        response: { 200: runListSchema },
      },
    },
    async () => getRuns(app.stores.handle.db),
  );

  app.get(
    '/runs/:id',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['scoring'],
        summary: 'One scoring run: status, stage, live progress, stage timings, ground-truth checks',
        params: runIdParamsSchema,
        response: { 200: runSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getRun(app.stores.handle.db, request.params.id),
  );
};

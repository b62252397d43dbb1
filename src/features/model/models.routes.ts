import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { modelIdParamsSchema, modelListSchema, modelSchema } from './models.schemas';
import { getModels, makeActive } from './models.service';

/** The versioned churn models. Prefix /api/models. */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['models'],
        summary: 'Trained churn models with their held-out figures, newest first',
        response: { 200: modelListSchema },
      },
    },
    async () => getModels(app.stores.handle.db),
  );

  app.post(
    '/:id/activate',
    {
      config: { permission: 'scoring.manage' },
      schema: {
        tags: ['models'],
        summary: 'Make a model the active one (the next scoring run uses it)',
        params: modelIdParamsSchema,
        response: { 200: modelSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => makeActive(app.stores.handle.db, request.params.id),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { agentKpiQuerySchema, agentKpisSchema } from './agent-kpis.schemas';
import { agentKpis } from './agent-kpis.service';

export const agentKpiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kpis/agents',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['calls'],
        summary:
          'Per-agent call KPIs over business days: calls, reach, saves, handle time, callbacks, complaints (leads: own team)',
        querystring: agentKpiQuerySchema,
        response: {
          200: agentKpisSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) =>
      agentKpis(app.stores.handle.db, actorOf(request), request.query, {
        timeZone: app.config.timeZone,
        now: new Date(),
      }),
  );
};

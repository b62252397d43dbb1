import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agentKpiRoutes } from '#src/features/calls/agent-kpis.routes';
import { callPanelRoutes } from '#src/features/calls/call-panel.routes';
import type { TelephonyAdapter } from '#src/features/calls/telephony';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { claimedSchema, heldTaskSchema, queueSchema, taskIdParamsSchema } from './queue.schemas';
import { claimNext, claimTask, listQueue, releaseTask } from './queue.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

/** The agent's queue and claims; also mounts the call panel and the agent KPIs (same prefix). */
export const queueRoutes: FastifyPluginAsyncZod<{ telephony?: TelephonyAdapter }> = async (app, options) => {
  const handle = () => app.stores.handle;
  const config = { permission: 'queue.work' as const };

  app.get(
    '/queue',
    {
      config,
      schema: {
        tags: ['queue'],
        summary: "My held tasks, my own and my team's unowned open tasks due today, best first (masked)",
        response: { 200: queueSchema, ...denied },
      },
    },
    async (request) => listQueue(handle(), actorOf(request), app.config.timeZone, new Date()),
  );

  app.post(
    '/queue/next',
    {
      config,
      schema: {
        tags: ['queue'],
        summary: 'Claim the next task due now (callbacks first, then priority); task null when none',
        response: { 200: claimedSchema, ...denied },
      },
    },
    async (request) => claimNext(handle(), actorOf(request)),
  );

  app.post(
    '/tasks/:id/claim',
    {
      config,
      schema: {
        tags: ['queue'],
        summary: "Claim one open task I may take (mine or my team's unowned); 409 when someone holds it",
        params: taskIdParamsSchema,
        response: { 200: heldTaskSchema, ...byIdErrors, 409: errorResponseSchema },
      },
    },
    async (request) => claimTask(handle(), actorOf(request), request.params.id),
  );

  app.post(
    '/tasks/:id/release',
    {
      config,
      schema: {
        tags: ['queue'],
        summary: 'Give a task I hold back to the pool',
        params: taskIdParamsSchema,
        response: { 200: claimedSchema, ...byIdErrors },
      },
    },
    async (request) => releaseTask(handle(), actorOf(request), request.params.id),
  );

  await app.register(callPanelRoutes, options.telephony ? { telephony: options.telephony } : {});
  await app.register(agentKpiRoutes);
};

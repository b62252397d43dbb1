import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etagOf, parseIfMatch } from '#src/features/tickets/ticket-versioning';
import { todayIn } from '#src/lib/time';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { leaderboard, targetProgress } from './target-progress.service';
import {
  leaderboardQuerySchema,
  leaderboardSchema,
  progressQuerySchema,
  progressSchema,
  targetBodySchema,
  targetListSchema,
  targetSchema,
  targetsQuerySchema,
} from './targets.schemas';
import { listTargets, putTarget } from './targets.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/**
 * Team targets and KPIs (DOMAIN.md §11): annual targets per team or agent in quarterly steps,
 * progress with today's goal, and the month's top performers. Leads see and set their own team's.
 */
export const targetsRoutes: FastifyPluginAsyncZod = async (app) => {
  const clock = () => ({ timeZone: app.config.timeZone, now: new Date() });

  app.get(
    '/targets',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary: "A year's targets (leads: their team's and its agents'); each with quarterly values",
        querystring: targetsQuerySchema,
        response: { 200: targetListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => {
      const { timeZone, now } = clock();
      const year = request.query.year ?? Number(todayIn(timeZone, now).slice(0, 4));
      return { year, items: await listTargets(app.stores.handle.db, actorOf(request), year) };
    },
  );

  app.put(
    '/targets',
    {
      config: { permission: 'targets.manage' },
      schema: {
        tags: ['targets'],
        summary:
          'Create or change one target (scope, owner, year, metric, level). Changing needs If-Match with the ETag (412 when stale) or "version" in the body (409 when stale); neither: 428. Leads: own team and its agents only (403).',
        body: targetBodySchema,
        response: {
          200: targetSchema,
          201: targetSchema,
          400: errorResponseSchema,
          ...denied,
          404: errorResponseSchema,
          409: errorResponseSchema,
          412: errorResponseSchema,
          428: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const result = await putTarget(
        app.stores.handle.db,
        actorOf(request),
        request.body,
        ifMatch,
        new Date(),
      );
      return reply
        .status(result.created ? 201 : 200)
        .header('ETag', etagOf(result.target.version))
        .send(result.target);
    },
  );

  app.get(
    '/targets/progress',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary:
          "Progress of each visible target on a day: achieved year and quarter to date, expected to date, today's goal, status; realistic and stretch side by side",
        querystring: progressQuerySchema,
        response: { 200: progressSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => targetProgress(app.stores.handle, actorOf(request), request.query, clock()),
  );

  app.get(
    '/targets/leaderboard',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['targets'],
        summary: "The month's top performers per metric (ties share a place); leads: their team",
        querystring: leaderboardQuerySchema,
        response: { 200: leaderboardSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => leaderboard(app.stores.handle, actorOf(request), request.query, clock()),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { auditActor } from '../audit/audit.service';
import { actorOf } from '../auth/authenticate.hook';
import { planInputsSchema } from './plan-inputs';
import {
  listPlansQuerySchema,
  planIdParamsSchema,
  planListSchema,
  planProgressSchema,
  planSchema,
} from './planning.schemas';
import { createPlan, getPlan, getPlanProgress, listPlans } from './planning.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

export const planningRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;

  app.post(
    '/plans',
    {
      config: { permission: 'plans.manage' },
      schema: {
        tags: ['plans'],
        summary:
          "Build the day's call plan: agents' shifts, handle time and occupancy in; calls chosen by expected value within capacity, quotas and the contact policy (a lead plans their own team)",
        body: planInputsSchema,
        response: { 201: planSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const plan = await createPlan(handle(), actor, request.body, {
        timeZone: app.config.timeZone,
        policy: app.config.contactPolicy,
      });
      await auditActor(handle().db, actor, {
        action: 'plan.create',
        target: `plan ${plan.id} for ${plan.day}`,
        details: { tasks: plan.summary?.chosen.total ?? null },
      });
      return reply.status(201).send(plan);
    },
  );

  app.get(
    '/plans',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary:
          'Call plans, newest first, optionally of one day (a lead sees their team’s and all-team plans)',
        querystring: listPlansQuerySchema,
        response: { 200: planListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listPlans(handle().db, actorOf(request), request.query),
  );

  app.get(
    '/plans/:id',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary:
          'One call plan with its inputs and summary (capacity, chosen, overflow, unassigned, refusals)',
        params: planIdParamsSchema,
        response: { 200: planSchema, ...byIdErrors },
      },
    },
    async (request) => getPlan(handle().db, actorOf(request), request.params.id),
  );

  app.get(
    '/plans/:id/progress',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary:
          "The plan's progress per agent (assigned, done, reached, accepted, open, claimed) and per team pool",
        params: planIdParamsSchema,
        response: { 200: planProgressSchema, ...byIdErrors },
      },
    },
    async (request) => getPlanProgress(handle(), actorOf(request), request.params.id),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeadersSchema } from '#src/features/idempotency/idempotency-key';
import { replyOnce } from '#src/features/idempotency/idempotent-reply';
import { taskIdParamsSchema } from '#src/features/queue/queue.schemas';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { briefingQuerySchema, briefingSchema } from './briefing.schemas';
import { getBriefing } from './briefing.service';
import { dialResultSchema, outcomeBodySchema, outcomeResultSchema } from './call-panel.schemas';
import { dialTask } from './dial.service';
import { recordOutcome } from './outcome.service';
import { manualTelephony, type TelephonyAdapter } from './telephony';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const heldErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

/**
 * The call panel for a task the agent holds: briefing, dial, outcome. A task not held by the
 * caller answers 404 exactly like a missing one.
 */
export const callPanelRoutes: FastifyPluginAsyncZod<{ telephony?: TelephonyAdapter }> = async (
  app,
  options,
) => {
  const db = () => app.stores.handle.db;
  const telephony = options.telephony ?? manualTelephony;
  const config = { permission: 'queue.work' as const };

  app.get(
    '/tasks/:id/briefing',
    {
      config,
      schema: {
        tags: ['calls'],
        summary:
          'Briefing for the task I hold: who, why now, recent contacts, tags, offers, contact-policy verdict (masked)',
        params: taskIdParamsSchema,
        querystring: briefingQuerySchema,
        response: { 200: briefingSchema, ...heldErrors },
      },
    },
    async (request) =>
      getBriefing(db(), actorOf(request), request.params.id, {
        locale: request.query.lang,
        timeZone: app.config.timeZone,
        policy: app.config.contactPolicy,
        now: new Date(),
        operator: app.config.operator,
      }),
  );

  app.post(
    '/tasks/:id/dial',
    {
      config,
      schema: {
        tags: ['calls'],
        summary:
          'Dial the task I hold: 422 with refusal codes when the contact policy says no now; otherwise the number (audited)',
        params: taskIdParamsSchema,
        response: { 200: dialResultSchema, ...heldErrors, 422: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const outcome = await dialTask(db(), actorOf(request), request.params.id, {
        timeZone: app.config.timeZone,
        policy: app.config.contactPolicy,
        now: new Date(),
        telephony,
      });
      // The number is for this call only: never cached.
      reply.header('cache-control', 'no-store');
      if (outcome.refused) {
        return reply.status(422).send({
          error: {
            code: 'CONTACT_REFUSED',
            message: `The contact policy does not allow this call now: ${outcome.refusals.join(', ')}`,
            requestId: String(request.id),
            details: { refusals: outcome.refusals },
          },
        });
      }
      const { refused: _, ...dialled } = outcome;
      return dialled;
    },
  );

  app.post(
    '/tasks/:id/outcome',
    {
      config,
      schema: {
        tags: ['calls'],
        summary:
          'Record how the call on the task I hold went (one disposition; notes checked for forbidden phrases). ' +
          'With an Idempotency-Key a repeat gets the first answer and records nothing more',
        params: taskIdParamsSchema,
        headers: idempotencyHeadersSchema,
        body: outcomeBodySchema,
        response: {
          200: outcomeResultSchema,
          ...heldErrors,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) =>
      replyOnce(db(), request, reply, {
        status: 200,
        run: (store) =>
          recordOutcome(store, actorOf(request), request.params.id, request.body, {
            timeZone: app.config.timeZone,
            policy: app.config.contactPolicy,
            now: new Date(),
            log: request.log,
          }),
      }),
  );
};

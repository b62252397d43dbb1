import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { errorResponseSchema } from '#src/server/error-schema';
import { currentRevisitSettings, saveRevisitSettings } from './revisit-settings';
import {
  answerRevisitBodySchema,
  listRevisitsQuerySchema,
  revisitIdParamsSchema,
  revisitListSchema,
  revisitSchema,
  revisitSettingsBodySchema,
  revisitSettingsVersionSchema,
} from './revisits.schemas';
import { answerRevisit, listRevisits, markRevisitUnanswered } from './revisits.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = {
  400: errorResponseSchema,
  ...denied,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

/** Satisfaction revisits after a ticket closes, and the settings that decide who is asked and how. */
export const revisitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.get(
    '/revisits',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'Satisfaction revisits of the tickets I may see, by status (pending: oldest first)',
        querystring: listRevisitsQuerySchema,
        response: { 200: revisitListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listRevisits(db(), actorOf(request), request.query),
  );

  app.post(
    '/revisits/:id/answer',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary:
          "Record a pending revisit's score (1–5) and comment; a score at or below the threshold reopens the ticket (409 when already recorded)",
        params: revisitIdParamsSchema,
        body: answerRevisitBodySchema,
        response: { 200: revisitSchema, ...byIdErrors },
      },
    },
    async (request) => answerRevisit(db(), actorOf(request), request.params.id, request.body, new Date()),
  );

  app.post(
    '/revisits/:id/unanswered',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: 'Close a pending revisit without an answer (409 when already recorded)',
        params: revisitIdParamsSchema,
        response: { 200: revisitSchema, ...byIdErrors },
      },
    },
    async (request) => markRevisitUnanswered(db(), actorOf(request), request.params.id, new Date()),
  );

  app.get(
    '/service-settings/revisit',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['tickets'],
        summary:
          'Revisit settings in force: VIPs called or texted, others texted, called or not asked; the reopen threshold',
        response: { 200: revisitSettingsVersionSchema, ...denied },
      },
    },
    async () => currentRevisitSettings(db()),
  );

  app.put(
    '/service-settings/revisit',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['tickets'],
        summary:
          'Save the revisit settings as the next version (applies to tickets closed from now on; 409 on a concurrent save)',
        body: revisitSettingsBodySchema,
        response: {
          200: revisitSettingsVersionSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { note, ...settings } = request.body;
      return saveRevisitSettings(db(), actorOf(request), settings, note ?? null);
    },
  );
};

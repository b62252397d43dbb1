import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../../auth/authenticate.hook';
import { ROUTING_SETTINGS, SLA_SETTINGS } from './ticket-settings';
import {
  routingSettingsSchema,
  saveRoutingSettingsBodySchema,
  saveSlaSettingsBodySchema,
  slaSettingsSchema,
} from './ticket-settings.schemas';
import { routingSettingsView, saveTicketSettings, ticketSettingsInForce } from './ticket-settings.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const saveErrors = { 400: errorResponseSchema, ...denied, 409: errorResponseSchema };

/** The dispatch routing table and the SLA matrix: read by service reporting, edited by service managers. */
export const ticketSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.get(
    '/service-settings/routing',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['tickets'],
        summary: 'The dispatch routing table in force (version 0 = the built-in table)',
        response: { 200: routingSettingsSchema, ...denied },
      },
    },
    async () => routingSettingsView(ticketSettingsInForce(db(), ROUTING_SETTINGS)),
  );

  app.put(
    '/service-settings/routing',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['tickets'],
        summary:
          'Save the routing table as the next version; new tickets are dispatched by it at once (400 names every problem’s path, 409 on a concurrent save)',
        body: saveRoutingSettingsBodySchema,
        response: { 200: routingSettingsSchema, ...saveErrors },
      },
    },
    async (request) =>
      routingSettingsView(
        saveTicketSettings(
          db(),
          actorOf(request),
          ROUTING_SETTINGS,
          request.body.document,
          request.body.note ?? null,
        ),
      ),
  );

  app.get(
    '/service-settings/sla',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['tickets'],
        summary: 'The SLA matrix in force: limits by VIP level × category, warning ratio, escalation steps',
        response: { 200: slaSettingsSchema, ...denied },
      },
    },
    async () => ticketSettingsInForce(db(), SLA_SETTINGS),
  );

  app.put(
    '/service-settings/sla',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['tickets'],
        summary:
          'Save the SLA matrix as the next version; only tickets opened afterwards get its terms (400 names every problem’s path, 409 on a concurrent save)',
        body: saveSlaSettingsBodySchema,
        response: { 200: slaSettingsSchema, ...saveErrors },
      },
    },
    async (request) =>
      saveTicketSettings(
        db(),
        actorOf(request),
        SLA_SETTINGS,
        request.body.document,
        request.body.note ?? null,
      ),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { subscriberIdParamsSchema } from '../subscribers/subscribers.schemas';
import {
  saveSmsTemplateBodySchema,
  sendSmsBodySchema,
  smsHistorySchema,
  smsMessageSchema,
  smsTemplateListSchema,
  smsTemplateSchema,
  templateCodeParamsSchema,
} from './sms.schemas';
import { listSms, queueSms } from './sms.service';
import { listSmsTemplates, saveSmsTemplate } from './sms-templates.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };

export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;
  // The contact policy in force, in the business time zone (as the call panel applies it).
  const policy = () => app.config.contactPolicy;

  app.post(
    '/subscribers/:id/sms',
    {
      config: { permission: 'sms.send' },
      schema: {
        tags: ['sms'],
        summary:
          'Queue a templated SMS to a subscriber in my scope, after the contact policy (422 with the refusal codes when it says no; 409 for a campaign holdout; 429 past my hourly limit)',
        params: subscriberIdParamsSchema,
        body: sendSmsBodySchema,
        response: {
          201: smsMessageSchema,
          ...byIdErrors,
          409: errorResponseSchema,
          422: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const message = await queueSms(db(), actorOf(request), request.params.id, request.body, {
        policy: policy(),
        limit: { max: app.config.security.smsPerHour, windowMs: 3_600_000 },
      });
      if (message.status === 'refused') {
        // Kept in the outbox as refused (never sent), so the history shows what was tried and why.
        return reply.status(422).send({
          error: {
            code: 'CONTACT_REFUSED',
            message: `The contact policy refuses this SMS: ${(message.refusals ?? []).join(', ')}`,
            requestId: String(request.id),
            details: { refusals: message.refusals ?? [], messageId: message.id },
          },
        });
      }
      return reply.status(201).send(message);
    },
  );

  app.get(
    '/subscribers/:id/sms',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['sms'],
        summary: "A subscriber's SMS, newest first, each with its status (queued, submitted, delivered, …)",
        params: subscriberIdParamsSchema,
        response: { 200: smsHistorySchema, ...byIdErrors },
      },
    },
    async (request) => listSms(db(), actorOf(request), request.params.id),
  );

  app.get(
    '/sms/templates',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['sms'],
        summary: 'The SMS templates: zh-CN and English bodies, their {variables} and message parts',
        response: { 200: smsTemplateListSchema, ...denied },
      },
    },
    async () => listSmsTemplates(db()),
  );

  app.put(
    '/sms/templates/:code',
    {
      config: { permission: 'catalogue.manage' },
      schema: {
        tags: ['sms'],
        summary: 'Create or replace an SMS template (both bodies must use the same {variables})',
        params: templateCodeParamsSchema,
        body: saveSmsTemplateBodySchema,
        response: { 200: smsTemplateSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => saveSmsTemplate(db(), request.params.code, request.body),
  );
};

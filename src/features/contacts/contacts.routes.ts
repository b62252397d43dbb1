import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeadersSchema } from '#src/features/idempotency/idempotency-key';
import { replyOnce } from '#src/features/idempotency/idempotent-reply';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { subscriberIdParamsSchema } from '../subscribers/subscribers.schemas';
import { currentClassifierRules, evaluateRulesInForce, saveClassifierRules } from './classifier-settings';
import {
  classificationSchema,
  classifierEvaluationSchema,
  classifierSettingsSchema,
  classifyBodySchema,
  contactListQuerySchema,
  contactListSchema,
  logContactBodySchema,
  loggedContactSchema,
  saveClassifierSettingsBodySchema,
} from './contacts.schemas';
import { classifyNote, listContacts, logContact } from './contacts.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };
/** 409: the first request with the key is still running; 422: the key named another request. */
const idempotencyErrors = { 409: errorResponseSchema, 422: errorResponseSchema };

/** Service contacts (issue 6 §1): the type suggestion, logging a contact, the history, the classifier's rules. */
export const contactsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  app.post(
    '/contacts/classify',
    {
      config: { permission: 'contacts.log' },
      schema: {
        tags: ['contacts'],
        summary:
          'Suggest a contact type (and a complaint psychology) from a note, by the classifier rules in force, with the words that led to it',
        body: classifyBodySchema,
        response: { 200: classificationSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => classifyNote(db(), request.body.note),
  );

  app.post(
    '/subscribers/:id/contacts',
    {
      config: { permission: 'contacts.log' },
      schema: {
        tags: ['contacts'],
        summary:
          'Log a contact with a subscriber in my scope (a complaint needs its fact and claim); optionally open a ticket from it in the same step. ' +
          'With an Idempotency-Key a repeat gets the first answer and logs nothing more',
        params: subscriberIdParamsSchema,
        headers: idempotencyHeadersSchema,
        body: logContactBodySchema,
        response: { 201: loggedContactSchema, ...byIdErrors, ...idempotencyErrors },
      },
    },
    async (request, reply) =>
      replyOnce(db(), request, reply, {
        status: 201,
        run: (store) => logContact(store, actorOf(request), request.params.id, request.body, new Date()),
      }),
  );

  app.get(
    '/subscribers/:id/contacts',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['contacts'],
        summary:
          "A subscriber's service contacts, newest first: type, the classifier's suggestion, the four-part analysis, the agent, the ticket raised (masked)",
        params: subscriberIdParamsSchema,
        querystring: contactListQuerySchema,
        response: { 200: contactListSchema, ...byIdErrors },
      },
    },
    async (request) => listContacts(db(), actorOf(request), request.params.id, request.query.limit),
  );

  app.get(
    '/service-settings/classifier',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['contacts'],
        summary: "The contact classifier's rules in force (version 0 = the built-in rules)",
        response: { 200: classifierSettingsSchema, ...denied },
      },
    },
    async () => currentClassifierRules(db()),
  );

  app.put(
    '/service-settings/classifier',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['contacts'],
        summary:
          'Save edited classifier rules as the next version; the next classify call uses them (400 names every problem’s path, 409 on a concurrent save)',
        body: saveClassifierSettingsBodySchema,
        response: {
          200: classifierSettingsSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
        },
      },
    },
    async (request) =>
      saveClassifierRules(db(), actorOf(request), request.body.document, request.body.note ?? null),
  );

  app.get(
    '/service-settings/classifier/evaluation',
    {
      config: { permission: 'service.manage' },
      schema: {
        tags: ['contacts'],
        summary:
          'The rules in force measured on the shipped labelled sample: accuracy overall, on the tuned and the held-out part, per type, and the misclassified notes',
        response: { 200: classifierEvaluationSchema, ...denied },
      },
    },
    async () => evaluateRulesInForce(db()),
  );
};

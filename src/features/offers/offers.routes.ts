import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { todayIn } from '#src/lib/time';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { requireSubscriberInScope } from '../subscribers/subscriber-access';
import { subscriberIdParamsSchema } from '../subscribers/subscribers.schemas';
import {
  listOffersQuerySchema,
  newOfferBodySchema,
  offerFieldsSchema,
  offerListSchema,
  offerLocaleQuerySchema,
  offerParamsSchema,
  offerSchema,
} from './offers.schemas';
import { createOffer, getOffer, listOffers, updateOffer } from './offers.service';
import { planAdviceSchema } from './plan-advice.schemas';
import { planAdviceFor } from './plan-advice.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const invalid = { 400: errorResponseSchema, ...denied };

export const offersRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;
  const today = () => todayIn(app.config.timeZone);

  app.get(
    '/offers',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['offers'],
        summary: 'The offer catalogue by retention rule; filter by rule, availability today and channel',
        querystring: listOffersQuerySchema,
        response: { 200: offerListSchema, ...invalid },
      },
    },
    async (request) => listOffers(db(), request.query, today()),
  );

  app.get(
    '/offers/:code',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        tags: ['offers'],
        summary: 'One offer',
        params: offerParamsSchema,
        querystring: offerLocaleQuerySchema,
        response: { 200: offerSchema, ...invalid, 404: errorResponseSchema },
      },
    },
    async (request) => getOffer(db(), request.params.code, request.query.lang, today()),
  );

  app.post(
    '/offers',
    {
      config: { permission: 'catalogue.manage' },
      schema: {
        tags: ['offers'],
        summary: 'Add an offer (plans and script it names must exist; audited)',
        body: newOfferBodySchema,
        response: { 201: offerSchema, ...invalid, 409: errorResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOffer(db(), actorOf(request), request.body, today())),
  );

  app.put(
    '/offers/:code',
    {
      config: { permission: 'catalogue.manage' },
      schema: {
        tags: ['offers'],
        summary: "Replace an offer's fields; the code stays (audited with what changed)",
        params: offerParamsSchema,
        body: offerFieldsSchema,
        response: { 200: offerSchema, ...invalid, 404: errorResponseSchema },
      },
    },
    async (request) => updateOffer(db(), actorOf(request), request.params.code, request.body, today()),
  );

  app.get(
    '/subscribers/:id/plan-advice',
    {
      config: { permission: 'subscribers.view' },
      schema: {
        tags: ['offers', 'subscribers'],
        summary:
          'Plan optimiser: every plan priced on the last 3 months of use, and the moves worth proposing',
        params: subscriberIdParamsSchema,
        response: { 200: planAdviceSchema, ...invalid, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      await requireSubscriberInScope(db(), actorOf(request), id, 'plan-advice');
      return planAdviceFor(db(), id, { today: today() });
    },
  );
};

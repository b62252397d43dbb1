import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '#src/features/auth/authenticate.hook';
import { etagOf, expectedVersionOf, parseIfMatch } from '#src/features/tickets/ticket-versioning';
import { errorResponseSchema } from '#src/server/error-schema';
import {
  createWorkOrderBodySchema,
  listWorkOrdersQuerySchema,
  updateWorkOrderBodySchema,
  workOrderDetailSchema,
  workOrderIdParamsSchema,
  workOrderIfMatchHeadersSchema,
  workOrderListSchema,
} from './work-orders.schemas';
import { createWorkOrder, getWorkOrder, listWorkOrders, updateWorkOrder } from './work-orders.service';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };

/**
 * Work orders from complaint hot spots (issue 6 §6), tracked to closure. They concern areas, not
 * subscribers: whoever may raise them (workOrders.manage: admin, lead, analyst) may move any of
 * them, and service.report reads them all. Versioned like tickets (ETag / If-Match / version).
 */
export const workOrdersRoutes: FastifyPluginAsyncZod = async (app) => {
  const handle = () => app.stores.handle;
  const context = () => ({ timeZone: app.config.timeZone, now: new Date() });

  app.get(
    '/work-orders',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary: 'Work orders, newest first (optionally of one status)',
        querystring: listWorkOrdersQuerySchema,
        response: { 200: workOrderListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listWorkOrders(handle(), request.query),
  );

  app.post(
    '/work-orders',
    {
      config: { permission: 'workOrders.manage' },
      schema: {
        tags: ['service'],
        summary:
          'Raise the work order of a hot-spot cell (the test is run again; 409 when not a hot spot or already raised)',
        body: createWorkOrderBodySchema,
        response: {
          201: workOrderDetailSchema,
          400: errorResponseSchema,
          ...denied,
          409: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const order = await createWorkOrder(handle(), actorOf(request), request.body, context());
      return reply.status(201).header('etag', etagOf(order.version)).send(order);
    },
  );

  app.get(
    '/work-orders/:id',
    {
      config: { permission: 'service.report' },
      schema: {
        tags: ['service'],
        summary: "One work order with its cell's complaints per week before and after (ETag: its version)",
        params: workOrderIdParamsSchema,
        response: {
          200: workOrderDetailSchema,
          400: errorResponseSchema,
          ...denied,
          404: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const order = await getWorkOrder(handle(), request.params.id, context());
      return reply.header('etag', etagOf(order.version)).send(order);
    },
  );

  app.patch(
    '/work-orders/:id',
    {
      config: { permission: 'workOrders.manage' },
      schema: {
        tags: ['service'],
        summary:
          'Move a work order (open → in_progress → done, resolution to close). Needs If-Match or version: stale → 412 / 409, neither → 428',
        params: workOrderIdParamsSchema,
        headers: workOrderIfMatchHeadersSchema,
        body: updateWorkOrderBodySchema,
        response: {
          200: workOrderDetailSchema,
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
      const { status, resolution, version } = request.body;
      const ifMatch = request.headers['if-match'];
      const order = await updateWorkOrder(
        handle(),
        actorOf(request),
        request.params.id,
        { status, resolution },
        () => expectedVersionOf(parseIfMatch(ifMatch), version),
        context(),
      );
      return reply.header('etag', etagOf(order.version)).send(order);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeadersSchema } from '#src/features/idempotency/idempotency-key';
import { replyOnce } from '#src/features/idempotency/idempotent-reply';
import { errorResponseSchema } from '#src/server/error-schema';
import { actorOf } from '../auth/authenticate.hook';
import { TICKET_CATEGORY_TREE } from './dispatch/ticket-categories';
import { serviceGroupsRoutes } from './groups/service-groups.routes';
import { getTicketDetail, listTickets } from './ticket-read.service';
import { ticketSettingsRoutes } from './ticket-settings/ticket-settings.routes';
import { etagOf, expectedVersionOf, parseIfMatch } from './ticket-versioning';
import {
  addTicketNote,
  assignTicket,
  closeTicket,
  createTicket,
  patchTicket,
  pauseTicket,
  reopenTicketVersioned,
  resumeTicket,
} from './ticket-writes.service';
import {
  assignTicketBodySchema,
  closeBodySchema,
  createTicketBodySchema,
  listTicketsQuerySchema,
  noteBodySchema,
  patchTicketBodySchema,
  reasonBodySchema,
  resumeBodySchema,
  subscriberIdParamsSchema,
  ticketCategoriesSchema,
  ticketDetailSchema,
  ticketEventSchema,
  ticketIdParamsSchema,
  ticketListSchema,
} from './tickets.schemas';

const denied = { 401: errorResponseSchema, 403: errorResponseSchema };
const byIdErrors = { 400: errorResponseSchema, ...denied, 404: errorResponseSchema };
/** A versioned write: 409 stale body version or a change the status forbids, 412 stale If-Match, 428 none. */
const writeErrors = {
  ...byIdErrors,
  409: errorResponseSchema,
  412: errorResponseSchema,
  428: errorResponseSchema,
};

const VERSIONING =
  ' Send If-Match with the ETag you read (412 when stale) or "version" in the body (409 when stale); neither: 428.';

/**
 * Service tickets (issue 6 §2–4, §8). Every by-id route answers 404 for a ticket outside the actor's
 * ticket scope (their subscribers, assigned to them, or their service group's). Writes are
 * optimistic: each names the version it read, and the answer carries the new ETag.
 */
export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.stores.handle.db;

  await app.register(serviceGroupsRoutes);
  await app.register(ticketSettingsRoutes);

  app.get(
    '/tickets',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'Tickets in my scope: active ones by due time, others newest first; SLA read now',
        querystring: listTicketsQuerySchema,
        response: { 200: ticketListSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => listTickets(db(), actorOf(request), request.query, new Date()),
  );

  app.get(
    '/tickets/categories',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'The ticket category tree (zh-CN and en names)',
        response: { 200: ticketCategoriesSchema, ...denied },
      },
    },
    async () => TICKET_CATEGORY_TREE.map((top) => ({ ...top, children: [...top.children] })),
  );

  app.get(
    '/tickets/:id',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'One ticket: timeline, SLA clock, contact, revisits; ETag is its version',
        params: ticketIdParamsSchema,
        response: { 200: ticketDetailSchema, ...byIdErrors },
      },
    },
    async (request, reply) => {
      const detail = await getTicketDetail(db(), actorOf(request), request.params.id, new Date());
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/subscribers/:id/tickets',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary:
          'Open a ticket for a subscriber in my scope: dispatched by the routing table, on its SLA clock. ' +
          'With an Idempotency-Key a repeat gets the first answer and opens nothing more',
        params: subscriberIdParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createTicketBodySchema,
        response: {
          201: ticketDetailSchema,
          ...byIdErrors,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) =>
      replyOnce(db(), request, reply, {
        status: 201,
        run: (store) => createTicket(store, actorOf(request), request.params.id, request.body, new Date()),
        headers: (detail) => ({ etag: etagOf(detail.version) }),
      }),
  );

  /** The version a write is based on: the If-Match header or the body's `version`. */
  const expected = (
    headers: Record<string, string | string[] | undefined>,
    body: { version?: number | undefined },
  ) => expectedVersionOf(parseIfMatch(headers['if-match']), body.version);

  app.patch(
    '/tickets/:id',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: `Edit title, description or category.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: patchTicketBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body);
      const detail = await patchTicket(
        db(),
        actorOf(request),
        request.params.id,
        request.body,
        version,
        new Date(),
      );
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/assign',
    {
      config: { permission: 'tickets.assign' },
      schema: {
        tags: ['tickets'],
        summary: `Reassign to a group (by load within it) and/or a person; null unassigns.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: assignTicketBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body);
      const detail = await assignTicket(
        db(),
        actorOf(request),
        request.params.id,
        request.body,
        version,
        new Date(),
      );
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/pause',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: `Wait on the customer: the SLA clock stops.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: reasonBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body);
      const detail = await pauseTicket(
        db(),
        actorOf(request),
        request.params.id,
        request.body.reason,
        version,
        new Date(),
      );
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/resume',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: `The customer answered: the SLA clock runs again.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: resumeBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body ?? {});
      const detail = await resumeTicket(db(), actorOf(request), request.params.id, version, new Date());
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/close',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: `Resolve and close: the SLA clock stops (met or missed); the revisit follows.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: closeBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body);
      const detail = await closeTicket(
        db(),
        actorOf(request),
        request.params.id,
        request.body.resolution,
        version,
        new Date(),
      );
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/reopen',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: `Reopen a closed ticket; its clock goes on, the closed span counted as a pause.${VERSIONING}`,
        params: ticketIdParamsSchema,
        body: reasonBodySchema,
        response: { 200: ticketDetailSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const version = expected(request.headers, request.body);
      const detail = await reopenTicketVersioned(
        db(),
        actorOf(request),
        request.params.id,
        request.body.reason,
        version,
        new Date(),
      );
      return reply.header('ETag', etagOf(detail.version)).send(detail);
    },
  );

  app.post(
    '/tickets/:id/notes',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags: ['tickets'],
        summary: 'Add a note to the timeline (append-only, no version needed; numbers masked)',
        params: ticketIdParamsSchema,
        body: noteBodySchema,
        response: { 201: ticketEventSchema, ...byIdErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTicketNote(db(), actorOf(request), request.params.id, request.body.text, new Date())),
  );
};

import { z } from 'zod';
import { VIP_LEVELS } from '#src/db/schema/enums';

export const TICKET_STATUSES = ['open', 'waiting_customer', 'closed'] as const;
export const TICKET_SOURCES = ['contact', 'call', 'import', 'revisit', 'hot_spot'] as const;
export const SLA_STATES = ['on_track', 'warning', 'breached', 'paused', 'met', 'missed'] as const;
export const ESCALATION_LEVELS = ['none', 'group_lead', 'manager'] as const;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const userId = z.coerce.number().int().positive().max(2_147_483_647);
/** In a JSON body a number is a number: "12" is refused, as the document says (only URLs carry text). */
const bodyUserId = z.number().int().positive().max(2_147_483_647);
const isoTime = z.iso.datetime({ offset: true });
const version = z.number().int().positive().max(2_147_483_647);

export const ticketIdParamsSchema = z.object({ id });
export const subscriberIdParamsSchema = z.object({ id });

export const listTicketsQuerySchema = z.object({
  /** `active` = open and waiting on the customer. */
  status: z.enum([...TICKET_STATUSES, 'active']).optional(),
  /** A top-level code matches its children too. */
  category: z.string().trim().min(1).max(80).optional(),
  groupId: userId.optional(),
  /** `me` or a user id. */
  assignee: z.union([z.literal('me'), userId]).optional(),
  slaState: z.enum(SLA_STATES).optional(),
  subscriberId: id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuerySchema>;

export const ticketSummarySchema = z
  .object({
    id: z.number().int(),
    ticketNo: z.string(),
    subscriberId: z.number().int(),
    /** Surname only (王*): a ticket list is not the 360. */
    subscriberName: z.string(),
    msisdnMasked: z.string(),
    vipLevel: z.enum(VIP_LEVELS),
    category: z.string(),
    title: z.string(),
    status: z.enum(TICKET_STATUSES),
    groupId: z.number().int().nullable(),
    groupName: z.string(),
    assigneeUserId: z.number().int().nullable(),
    assigneeName: z.string().nullable(),
    openedAt: isoTime,
    dueAt: isoTime,
    /** Read from the clock at request time. */
    slaState: z.enum(SLA_STATES),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    remainingMinutes: z.number(),
    overdueMinutes: z.number(),
    version: z.number().int(),
  })
  .meta({ id: 'TicketSummary' });
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const ticketListSchema = z.object({ items: z.array(ticketSummarySchema), total: z.number().int() });

const categoryNameSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
export const ticketCategoriesSchema = z.array(
  z.object({
    code: z.string(),
    name: categoryNameSchema,
    children: z.array(z.object({ code: z.string(), name: categoryNameSchema })),
  }),
);

export const ticketEventSchema = z
  .object({
    id: z.number().int(),
    at: isoTime,
    kind: z.string(),
    actorUserId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TicketEvent' });

export const ticketDetailSchema = ticketSummarySchema
  .extend({
    description: z.string().nullable(),
    source: z.enum(TICKET_SOURCES),
    contactId: z.number().int().nullable(),
    complaintNo: z.string().nullable(),
    contact: z
      .object({
        channel: z.string(),
        direction: z.string(),
        type: z.string(),
        emotion: z.string().nullable(),
        fact: z.string().nullable(),
        opinion: z.string().nullable(),
        claim: z.string().nullable(),
        complaintPsychology: z.string().nullable(),
      })
      .nullable(),
    sla: z.object({
      state: z.enum(SLA_STATES),
      clock: z.enum(['business', 'calendar']),
      limitMinutes: z.number(),
      dueAt: isoTime,
      warningAt: isoTime,
      elapsedMinutes: z.number(),
      remainingMinutes: z.number(),
      overdueMinutes: z.number(),
      escalationLevel: z.enum(ESCALATION_LEVELS),
      escalations: z.object({ groupLead: isoTime, manager: isoTime }),
      pauses: z.array(z.object({ pausedAt: isoTime, resumedAt: isoTime.nullable() })),
    }),
    resolution: z.string().nullable(),
    resolvedAt: isoTime.nullable(),
    closedAt: isoTime.nullable(),
    reopenCount: z.number().int(),
    events: z.array(ticketEventSchema),
    revisits: z.array(
      z.object({
        id: z.number().int(),
        channel: z.string(),
        status: z.string(),
        score: z.number().int().nullable(),
        comment: z.string().nullable(),
        createdAt: isoTime,
        answeredAt: isoTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'TicketDetail' });
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Validated against the category tree by the service, so the error names `category`. */
const categoryCode = z.string().trim().min(1).max(80);

export const createTicketBodySchema = z
  .object({ category: categoryCode, title: text(200), description: z.string().max(4000).nullish() })
  .strict();

/** Every versioned write may carry the version it read instead of an If-Match header. */
const versioned = { version: version.optional() };

export const patchTicketBodySchema = z
  .object({
    title: text(200).optional(),
    description: z.string().max(4000).nullable().optional(),
    category: categoryCode.optional(),
    ...versioned,
  })
  .strict()
  .refine((b) => b.title !== undefined || b.description !== undefined || b.category !== undefined, {
    error: 'change at least one of title, description, category',
    path: ['title'],
  });
export type PatchTicketBody = z.infer<typeof patchTicketBodySchema>;

export const assignTicketBodySchema = z
  .object({
    groupId: bodyUserId.optional(),
    /** null = back to the group's queue, unassigned. */
    assigneeUserId: bodyUserId.nullable().optional(),
    ...versioned,
  })
  .strict()
  .refine((b) => b.groupId !== undefined || b.assigneeUserId !== undefined, {
    error: 'give a groupId, an assigneeUserId, or both',
    path: ['assigneeUserId'],
  });
export type AssignTicketBody = z.infer<typeof assignTicketBodySchema>;

export const reasonBodySchema = z.object({ reason: text(1000), ...versioned }).strict();
/** A resume says nothing but, optionally, the version: an empty POST (If-Match only) is fine. */
export const resumeBodySchema = z
  .object({ ...versioned })
  .strict()
  .nullish();
export const closeBodySchema = z.object({ resolution: text(4000), ...versioned }).strict();
export const noteBodySchema = z.object({ text: text(4000) }).strict();

export const ifMatchHeadersSchema = z.object({ 'if-match': z.string().max(100).optional() });

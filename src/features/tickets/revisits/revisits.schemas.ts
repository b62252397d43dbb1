import { z } from 'zod';
import { VIP_LEVELS } from '#src/db/schema/enums';
import { revisitSettingsSchema } from './revisit-settings';
import { REVISIT_STATUSES } from './revisits.repository';

export const revisitIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const listRevisitsQuerySchema = z.object({
  status: z.enum(REVISIT_STATUSES).default('pending'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListRevisitsQuery = z.infer<typeof listRevisitsQuerySchema>;

export const answerRevisitBodySchema = z.object({
  score: z.number().int().min(1).max(5).describe('1 very dissatisfied … 5 very satisfied'),
  comment: z.string().trim().max(1000).optional(),
});
export type AnswerRevisitBody = z.infer<typeof answerRevisitBodySchema>;

/** A revisit as the service desk sees it; the subscriber's name and number masked. */
export const revisitSchema = z
  .object({
    id: z.number().int(),
    ticketId: z.number().int(),
    ticketNo: z.string(),
    ticketStatus: z.string(),
    ticketCategory: z.string(),
    ticketTitle: z.string(),
    subscriberId: z.number().int(),
    subscriberName: z.string(),
    msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
    vipLevel: z.enum(VIP_LEVELS),
    channel: z.enum(['call', 'sms']),
    status: z.enum(REVISIT_STATUSES),
    /** The revisit call task (call channel, a book owner), or the survey SMS (sms channel). */
    taskId: z.number().int().nullable(),
    smsId: z.number().int().nullable(),
    score: z.number().int().nullable(),
    comment: z.string().nullable(),
    /** The answer reopened the ticket. */
    reopened: z.boolean(),
    createdAt: z.date(),
    answeredAt: z.date().nullable(),
  })
  .meta({ id: 'SatisfactionRevisit' });
export type RevisitView = z.infer<typeof revisitSchema>;

export const revisitListSchema = z.object({ items: z.array(revisitSchema), total: z.number().int() });

export const revisitSettingsBodySchema = revisitSettingsSchema.extend({
  note: z.string().trim().max(500).optional(),
});

export const revisitSettingsVersionSchema = z.object({
  version: z.number().int(),
  document: revisitSettingsSchema,
  createdAt: z.date().nullable(),
});

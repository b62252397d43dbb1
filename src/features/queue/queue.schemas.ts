import { z } from 'zod';

export const taskIdParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** Why a task exists, as {code, params} the console renders in the reader's language. */
export const taskReasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type TaskReason = z.infer<typeof taskReasonSchema>;

export const taskCampaignSchema = z
  .object({ id: z.number().int(), name: z.string(), kind: z.string() })
  .nullable();

/**
 * A row of an agent's queue. Name and number are masked: the team queue shows subscribers from
 * other agents' books, and nobody needs more before taking the call (the briefing follows a claim).
 */
export const queueItemSchema = z
  .object({
    id: z.number().int(),
    subscriberId: z.number().int(),
    kind: z.string(),
    action: z.string().nullable(),
    status: z.enum(['open', 'claimed']),
    heldByMe: z.boolean(),
    /** Owned by me (my book, my callback) rather than open to the whole team. */
    ownedByMe: z.boolean(),
    campaign: taskCampaignSchema,
    reasons: z.array(taskReasonSchema),
    nameMasked: z.string(),
    msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
    dueAt: z.date(),
    attempts: z.number().int(),
    priority: z.number(),
    offerCode: z.string().nullable(),
    claimExpiresAt: z.date().nullable(),
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueSchema = z
  .object({
    items: z.array(queueItemSchema),
    /** Open tasks count up to the end of this business day (YYYY-MM-DD). */
    day: z.string(),
  })
  .meta({ id: 'Queue' });

export const claimedSchema = z.object({ task: queueItemSchema.nullable() }).meta({ id: 'ClaimResult' });
export const heldTaskSchema = z.object({ task: queueItemSchema }).meta({ id: 'TaskResult' });

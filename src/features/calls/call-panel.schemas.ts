import { z } from 'zod';
import {
  complaintAnalysisFields,
  openedTicketSchema,
  ticketRequestSchema,
} from '#src/features/contacts/contacts.schemas';
import { agentTagsBodySchema } from '#src/features/subscribers/agent-tags';
import { CALL_DISPOSITIONS, REFUSAL_REASONS } from './call-rules';

export const dialResultSchema = z
  .object({
    /** manual: dial numberToDial on your own phone; placed: the switch is ringing your extension. */
    mode: z.enum(['manual', 'placed']),
    /** The full number, for this call only (the dial is audited). */
    numberToDial: z.string().nullable(),
    callId: z.string().nullable(),
    dialledAt: z.date(),
    purpose: z.enum(['marketing', 'care']),
  })
  .meta({ id: 'DialResult' });

const notes = z.string().trim().min(1).max(2000);

/** What every disposition may carry besides its own fields. */
const common = {
  notes: notes.optional(),
  /** Talk plus wrap-up time, in seconds. */
  handleSeconds: z
    .number()
    .int()
    .min(0)
    .max(4 * 3600)
    .optional(),
  /** The call tags learned on this call (owner only, like PUT /subscribers/{id}/tags). */
  tags: agentTagsBodySchema.optional(),
};

/**
 * A complaint raised on the call, analysed (fact and claim required, DOMAIN.md §10) and turned into a
 * ticket at once. Without it a complaint disposition still records a bare complaint contact.
 */
const complaintTicketSchema = ticketRequestSchema.extend({
  ...complaintAnalysisFields,
  fact: z.string().trim().min(1).max(1000),
  claim: z.string().trim().min(1).max(1000),
});

/** One body per disposition: each names exactly what it needs (DOMAIN.md §9). */
export const outcomeBodySchema = z
  .discriminatedUnion('disposition', [
    z.object({ disposition: z.literal('not_reached'), ...common }),
    z.object({ disposition: z.literal('wrong_number'), ...common }),
    z.object({
      disposition: z.literal('call_back'),
      callbackAt: z.iso
        .datetime({ offset: true })
        .describe('When to call back: ahead, inside the calling window, within 30 days'),
      ...common,
    }),
    z.object({
      disposition: z.literal('refused'),
      reason: z.enum(REFUSAL_REASONS),
      note: z.string().trim().min(1).max(500).optional(),
      ...common,
    }),
    z.object({
      disposition: z.literal('accepted'),
      offerCode: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .describe("One of the call's offers the subscriber is eligible for"),
      ...common,
    }),
    z.object({
      disposition: z.literal('complaint'),
      summary: z.string().trim().min(2).max(2000),
      complaint: complaintTicketSchema
        .optional()
        .describe('The four-part analysis and a ticket to open from the complaint, in the same step'),
      ...common,
    }),
    z.object({ disposition: z.literal('do_not_call'), ...common }),
  ])
  .meta({ id: 'CallOutcome' });
export type OutcomeBody = z.infer<typeof outcomeBodySchema>;

/** A forbidden phrase found in what the agent wrote: saved anyway, shown so they learn the better form. */
export const noteWarningSchema = z.object({
  field: z.enum(['notes', 'note', 'summary']),
  code: z.string(),
  match: z.string(),
  suggestion: z.string(),
});
export type NoteWarning = z.infer<typeof noteWarningSchema>;

export const outcomeResultSchema = z
  .object({
    disposition: z.enum(CALL_DISPOSITIONS),
    contactAttemptId: z.number().int(),
    task: z.object({
      id: z.number().int(),
      status: z.enum(['open', 'done']),
      closedReason: z.string().nullable(),
      attempts: z.number().int(),
      /** For a retry: when the task comes back (another part of the day). */
      dueAt: z.date().nullable(),
    }),
    callbackTaskId: z.number().int().nullable(),
    /** Other tasks of the subscriber cancelled by "do not call". */
    cancelledTasks: z.number().int(),
    /** The ticket a complaint with its analysis opened (null otherwise). */
    ticket: openedTicketSchema.nullable(),
    /** Whether a satisfaction survey SMS was queued after the call. */
    surveyQueued: z.boolean(),
    warnings: z.array(noteWarningSchema),
  })
  .meta({ id: 'CallOutcomeResult' });
export type OutcomeResult = z.infer<typeof outcomeResultSchema>;

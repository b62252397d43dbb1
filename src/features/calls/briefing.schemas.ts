import { z } from 'zod';
import { VIP_LEVELS } from '#src/db/schema/enums';
import { planAdviceSchema } from '#src/features/offers/plan-advice.schemas';
import { taskCampaignSchema, taskReasonSchema } from '#src/features/queue/queue.schemas';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';
import { agentTagsSchema } from '#src/features/subscribers/agent-tags';

export const briefingQuerySchema = z.object({
  lang: z.enum(LOCALES).default('zh-CN').describe('Language of evidence, offers and script'),
});

const renderedSignal = z.object({
  code: z.string(),
  title: z.string(),
  evidence: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const callOfferSchema = z.object({
  code: z.string(),
  rule: z.string(),
  kind: z.string(),
  name: z.string(),
  description: z.string(),
  costFen: z.number().int(),
  targetPlanCode: z.string().nullable(),
  targetPlanFeeFen: z.number().int().nullable(),
  validTo: z.string().nullable(),
  /** Whether the offer's cost fits the subscriber's retention budget; null when the budget is unknown. */
  withinBudget: z.boolean().nullable(),
});

/** The call's script (scripts part), adapted to the tags, placeholders filled. */
export const callScriptSchema = z.object({
  code: z.string(),
  scenario: z.string(),
  title: z.string(),
  version: z.number().int(),
  locale: z.enum(LOCALES),
  steps: z.array(z.object({ key: z.string(), text: z.string() })),
  objections: z.array(z.object({ trigger: z.string(), response: z.string() })),
  /** What was adapted and why, rendered in the reader's language. */
  hints: z.array(
    z.object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      text: z.string(),
    }),
  ),
  /** Placeholders the call had no value for, left visible as {name}. */
  missingVariables: z.array(z.string()),
});

export const callVerdictSchema = z.object({
  purpose: z.enum(['marketing', 'care']),
  allowed: z.boolean(),
  /** Contact-policy refusal codes (do_not_call, outside_call_window, marketing_cap, …, campaign_holdout). */
  refusals: z.array(z.string()),
});

/**
 * Everything the agent needs for the call they hold, on one screen. Personal data is masked by
 * construction: no field can carry a full MSISDN (the dial reveals it, audited, for one call).
 */
export const briefingSchema = z
  .object({
    task: z.object({
      id: z.number().int(),
      subscriberId: z.number().int(),
      kind: z.string(),
      action: z.string().nullable(),
      campaign: taskCampaignSchema,
      dueAt: z.date(),
      attempts: z.number().int(),
      claimExpiresAt: z.date().nullable(),
      /** When the current call was dialled (null before the dial). */
      dialledAt: z.date().nullable(),
    }),
    who: z.object({
      name: z.string(),
      gender: z.string().nullable(),
      msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
      city: z.string(),
      tier: z.string().nullable(),
      vipLevel: z.enum(VIP_LEVELS),
      vipKind: z.string().nullable(),
      plan: z.object({ code: z.string(), name: z.string(), monthlyFeeFen: z.number().int() }),
      joinDate: z.string(),
      tenureMonths: z.number().int(),
      contract: z
        .object({ kind: z.string().nullable(), endDate: z.string(), daysLeft: z.number().int() })
        .nullable(),
      sceneTags: z.array(z.string()),
    }),
    whyNow: z.object({
      reasons: z.array(taskReasonSchema),
      probability: z.number().nullable(),
      riskBand: z.string().nullable(),
      signals: z.array(renderedSignal),
      keyMoments: z.array(z.object({ code: z.string(), dueDate: z.string(), text: z.string() })),
    }),
    recentContacts: z.array(
      z.object({
        at: z.date(),
        /** call | sms (our outbound attempts) or service (the operator's service contacts). */
        source: z.enum(['call', 'sms', 'service']),
        channel: z.string(),
        direction: z.string(),
        /** A disposition for our attempts, a contact type for service contacts. */
        outcome: z.string(),
        purpose: z.string().nullable(),
        agentName: z.string().nullable(),
        summary: z.string().nullable(),
      }),
    ),
    /** The plan optimiser's view (offers part): what each plan would have cost, moves worth proposing. */
    planAdvice: planAdviceSchema.nullable(),
    tags: agentTagsSchema,
    script: callScriptSchema.nullable(),
    offers: z.object({
      /** The campaign's offers this subscriber is eligible for today, cheapest first (none on care
       * calls, none while a ticket is open: see offersSuppressedBy). */
      items: z.array(callOfferSchema),
      /** The retention budget by the next-best-action settings; null without a current score. */
      budgetFen: z.number().int().nullable(),
    }),
    /** The ticket being worked that holds back every sales offer until it is closed; null when none. */
    offersSuppressedBy: z.object({ ticketId: z.number().int(), ticketNo: z.string() }).nullable(),
    contactPolicy: callVerdictSchema,
    /** Tags go with the outcome only when the agent owns the subscriber (not for team overflow). */
    can: z.object({ editTags: z.boolean() }),
  })
  .meta({ id: 'CallBriefing' });
export type Briefing = z.infer<typeof briefingSchema>;

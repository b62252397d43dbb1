import { z } from 'zod';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const count = z.number().int();
const counts = z.record(z.string(), count);

export const planIdParamsSchema = z.object({ id });

export const listPlansQuerySchema = z.object({
  day: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The inputs a plan was built with, defaults filled in (stored in call_plans.inputs). */
export const planInputsViewSchema = z.object({
  day: z.string(),
  /** The team a lead planned for; null: every team. */
  teamId: z.number().int().nullable(),
  timeZone: z.string(),
  handleMinutes: z.number(),
  occupancy: z.number(),
  shifts: z.array(
    z.object({
      agentUserId: z.number().int(),
      teamId: z.number().int().nullable(),
      from: z.string(),
      until: z.string(),
      breakMinutes: z.number().int(),
    }),
  ),
});
export type PlanInputsView = z.infer<typeof planInputsViewSchema>;

/** What a plan chose and why the rest was left out; seconds per stage. */
export const planSummarySchema = z.object({
  scoringRunId: z.number().int().nullable(),
  decisionSettingsVersion: z.number().int().nullable(),
  minExpectedValueFen: z.number(),
  /** Unstarted tasks of earlier plans for the day that this plan replaced. */
  replaced: count,
  capacity: z.object({
    agents: count,
    /** Calls the shifts hold. */
    shiftCalls: count,
    /** Calls left for this plan after time already gone and work already queued. */
    calls: count,
    alreadyQueued: count,
  }),
  /** Campaign members read, and those the next-best-action wanted to contact. */
  candidates: count,
  proposals: count,
  chosen: z.object({
    total: count,
    callbacks: count,
    retries: count,
    overflow: count,
    byCampaign: z.array(
      z.object({
        campaignId: z.number().int(),
        name: z.string(),
        kind: z.string(),
        dailyQuota: count,
        chosen: count,
      }),
    ),
    byAction: counts,
  }),
  perAgent: z.array(
    z.object({
      agentUserId: z.number().int(),
      teamId: z.number().int().nullable(),
      shiftCapacity: count,
      queued: count,
      capacity: count,
      assigned: count,
      callbacks: count,
      retries: count,
    }),
  ),
  overflowByTeam: counts,
  /** Worth calling, but no capacity was left in the owner's shift or team. */
  unassigned: z.object({ total: count, byTeam: counts }),
  skipped: counts,
  policyRefusals: counts,
  seconds: z.record(z.string(), z.number()),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const PLAN_STATUSES = ['building', 'ready', 'failed'] as const;

export const planSchema = z
  .object({
    id: z.number().int(),
    day: z.string(),
    status: z.enum(PLAN_STATUSES),
    createdBy: z.number().int().nullable(),
    createdAt: z.string(),
    inputs: planInputsViewSchema.nullable(),
    summary: planSummarySchema.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'CallPlan' });
export type PlanView = z.infer<typeof planSchema>;

export const planListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      day: z.string(),
      status: z.enum(PLAN_STATUSES),
      teamId: z.number().int().nullable(),
      createdBy: z.number().int().nullable(),
      createdAt: z.string(),
      agents: count.nullable(),
      capacity: count.nullable(),
      chosen: count.nullable(),
    }),
  ),
});
export type PlanList = z.infer<typeof planListSchema>;

export const planProgressSchema = z
  .object({
    planId: z.number().int(),
    day: z.string(),
    agents: z.array(
      z.object({
        agentUserId: z.number().int(),
        displayName: z.string(),
        teamId: z.number().int().nullable(),
        assigned: count,
        done: count,
        reached: count,
        accepted: count,
        open: count,
        claimed: count,
      }),
    ),
    /** Each team's shared pool of overflow tasks. */
    pools: z.array(
      z.object({ teamId: z.number().int(), total: count, open: count, claimed: count, done: count }),
    ),
  })
  .meta({ id: 'CallPlanProgress' });
export type PlanProgress = z.infer<typeof planProgressSchema>;

import { z } from 'zod';
import {
  EVEN_QUARTER_STEPS,
  quarterStepsProblem,
  TARGET_LEVELS,
  TARGET_METRICS,
  TARGET_SCOPES,
  TARGET_STATUSES,
} from './target-breakdown';

const year = z.coerce.number().int().min(2000).max(2100);
const quarterSteps = z
  .array(z.number())
  .describe('Cumulative share of the annual value due by the end of Q1..Q4, e.g. [0.2, 0.45, 0.7, 1]')
  .superRefine((steps, ctx) => {
    const problem = quarterStepsProblem(steps);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const targetsQuerySchema = z.object({
  year: year.optional().describe('Calendar year; default this year (business time zone)'),
});

export const targetBodySchema = z
  .object({
    scope: z.enum(TARGET_SCOPES).describe('team: the whole team; agent: one phone manager'),
    teamId: z.number().int().positive().max(2_147_483_647).optional().describe('Required for scope team'),
    agentUserId: z
      .number()
      .int()
      .positive()
      .max(2_147_483_647)
      .optional()
      .describe('Required for scope agent'),
    year: z.number().int().min(2000).max(2100),
    metric: z.enum(TARGET_METRICS),
    level: z.enum(TARGET_LEVELS).describe('realistic (现实目标) or stretch (理想目标)'),
    annualValue: z.number().int().min(0).max(1_000_000_000_000),
    quarterSteps: quarterSteps
      .optional()
      .describe(`Default for a new target: ${EVEN_QUARTER_STEPS.join(', ')}`),
    version: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe('The version you read (or send If-Match); not needed to create'),
  })
  .superRefine((body, ctx) => {
    if (body.scope === 'team') {
      if (body.teamId === undefined)
        ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'required for scope team' });
      if (body.agentUserId !== undefined)
        ctx.addIssue({ code: 'custom', path: ['agentUserId'], message: 'must be absent for scope team' });
    } else if (body.agentUserId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['agentUserId'], message: 'required for scope agent' });
    }
  });
export type TargetBody = z.infer<typeof targetBodySchema>;

export const targetSchema = z
  .object({
    id: z.number().int(),
    scope: z.enum(TARGET_SCOPES),
    teamId: z.number().int().nullable(),
    teamName: z.string().nullable(),
    agentUserId: z.number().int().nullable(),
    agentName: z.string().nullable(),
    year: z.number().int(),
    metric: z.enum(TARGET_METRICS),
    level: z.enum(TARGET_LEVELS),
    annualValue: z.number().int(),
    quarterSteps: z.array(z.number()),
    /** Cumulative values due by the end of Q1..Q4. */
    quarterValues: z.array(z.number().int()),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TeamTarget' });
export type TargetDto = z.infer<typeof targetSchema>;

export const targetListSchema = z.object({ year: z.number().int(), items: z.array(targetSchema) });

export const progressQuerySchema = z.object({
  year: year.optional().describe("Default: the date's year"),
  date: z.iso.date().optional().describe('The day looked at, counted through its end; default today'),
});

const levelProgress = z.object({
  targetId: z.number().int(),
  annualValue: z.number().int(),
  quarterTarget: z.number().int(),
  expectedToDate: z.number(),
  /** Today's goal in whole units (a budget: today's allowance); null when no working day is left. */
  dailyGoal: z.number().int().nullable(),
  status: z.enum(TARGET_STATUSES),
});

export const progressItemSchema = z.object({
  scope: z.enum(TARGET_SCOPES),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  agentUserId: z.number().int().nullable(),
  agentName: z.string().nullable(),
  metric: z.enum(TARGET_METRICS),
  achievedYearToDate: z.number(),
  achievedQuarterToDate: z.number(),
  quarter: z.number().int(),
  workingDaysRemaining: z.number().int(),
  realistic: levelProgress.nullable(),
  stretch: levelProgress.nullable(),
});
export type ProgressItem = z.infer<typeof progressItemSchema>;

export const progressSchema = z.object({
  year: z.number().int(),
  date: z.string(),
  items: z.array(progressItemSchema),
});
export type TargetProgressList = z.infer<typeof progressSchema>;

export const leaderboardQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .optional()
    .describe('Default: this month'),
  teamId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Admins and analysts: one team'),
  top: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe('Places shown per metric (ties share a place)'),
});

export const LEADERBOARD_METRICS = ['saves', 'accepted_offers', 'reached'] as const;

export const leaderboardSchema = z.object({
  month: z.string(),
  teamId: z.number().int().nullable(),
  metrics: z.array(
    z.object({
      metric: z.enum(LEADERBOARD_METRICS),
      leaders: z.array(
        z.object({
          rank: z.number().int(),
          agentUserId: z.number().int(),
          displayName: z.string(),
          teamName: z.string().nullable(),
          value: z.number(),
        }),
      ),
    }),
  ),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;

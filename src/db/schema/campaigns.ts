import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { teams, users } from './users';

/**
 * A campaign (DOMAIN.md §7, §9): who (segment rules over scores and profile), what (script,
 * offers), when (schedule, daily quota) and how we will know it worked (the holdout share and the
 * outcome window in which churn is counted).
 */
export const campaigns = pgTable('campaigns', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** retention | care | questionnaire | upsell */
  kind: text('kind').notNull(),
  /** draft | active | paused | ended */
  status: text('status').notNull().default('draft'),
  segment: jsonb('segment').notNull().default(sql`'{"rules":[]}'::jsonb`),
  scriptCode: text('script_code'),
  offerCodes: text('offer_codes').array().notNull().default(sql`'{}'::text[]`),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  dailyQuota: integer('daily_quota').notNull().default(100),
  holdoutShare: real('holdout_share').notNull().default(0.1),
  outcomeWindowDays: integer('outcome_window_days').notNull().default(90),
  /** Limits the campaign to one team's books; null for all. */
  teamId: integer('team_id').references(() => teams.id),
  /** The scoring run the segment was drawn from at launch. */
  scoringRunId: integer('scoring_run_id'),
  launchedAt: timestamp('launched_at', { withTimezone: true }),
  /** The holdout draw's seed, fixed at launch (the launch instant in microseconds; nobody knew it before). */
  randomSeed: text('random_seed'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who a campaign drew at launch and to which arm, recorded before any contact: 'treatment' may be
 * contacted, 'holdout' never is by this campaign. The baseline (probability, ARPU) is frozen here so
 * results compare like with like. subscriber_id leads the key (the Citus distribution column).
 */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' }).notNull(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    arm: text('arm').notNull(),
    /** tier|risk band: the stratum the holdout was drawn within. */
    stratum: text('stratum').notNull(),
    baselineProbability: real('baseline_probability').notNull(),
    baselineArpuFen: bigint('baseline_arpu_fen', { mode: 'number' }),
    revenueAtRiskFen: bigint('revenue_at_risk_fen', { mode: 'number' }).notNull().default(0),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.campaignId] }),
    index('campaign_members_campaign_idx').on(t.campaignId, t.arm),
  ],
);

/**
 * A day's call plan: the shifts and capacity it was built for and what it chose (figures in
 * `summary`). The chosen calls themselves are call_tasks rows carrying the plan's id.
 */
export const callPlans = pgTable(
  'call_plans',
  {
    id: serial('id').primaryKey(),
    planDay: date('plan_day', { mode: 'string' }).notNull(),
    /** building | ready | failed */
    status: text('status').notNull(),
    inputs: jsonb('inputs').notNull(),
    summary: jsonb('summary'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('call_plans_day_idx').on(t.planDay, t.id)],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { teams, users } from './users';

/**
 * Annual targets of a team or one agent (DOMAIN.md §11): a metric (saves, accepted offers, reach,
 * spend), a level (realistic or stretch), the annual value and the share of it each quarter should
 * reach (progressive steps); daily goals are derived from the quarter's working days. `version`
 * guards concurrent edits like tickets.
 */
export const teamTargets = pgTable(
  'team_targets',
  {
    id: serial('id').primaryKey(),
    /** team | agent */
    scope: text('scope').notNull(),
    teamId: integer('team_id').references(() => teams.id),
    agentUserId: integer('agent_user_id').references(() => users.id),
    year: integer('year').notNull(),
    /** saves | accepted_offers | reached | spend_fen */
    metric: text('metric').notNull(),
    /** realistic | stretch */
    level: text('level').notNull(),
    annualValue: bigint('annual_value', { mode: 'number' }).notNull(),
    /** Cumulative share of the annual value due by the end of each quarter, e.g. [0.2, 0.45, 0.7, 1]. */
    quarterSteps: jsonb('quarter_steps').notNull().default(sql`'[0.25,0.5,0.75,1]'::jsonb`),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('team_targets_key_idx').on(t.scope, t.teamId, t.agentUserId, t.year, t.metric, t.level),
  ],
);

/**
 * A batch job the console follows (e.g. the quarterly one-to-one service reports for a segment):
 * progress counters while it runs, the output file when it is done.
 */
export const reportJobs = pgTable(
  'report_jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    /** queued | running | succeeded | failed */
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    outputPath: text('output_path'),
    error: text('error'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('report_jobs_created_idx').on(t.createdBy, t.createdAt)],
);

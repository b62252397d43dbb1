import { bigint, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { scoringRuns } from './scoring';

/**
 * Per-run rollups of subscriber_scores for the score dashboards (tiers and flows, revenue at risk,
 * signals), written once when a run is published (and backfilled on first read for older runs):
 * the dashboards sum a few thousand rows instead of aggregating a million scores per request.
 *
 * `team_id` is the subscriber's book team when the rollup was written (subscriber_books), null when
 * unassigned: a lead's dashboard counts the books as they were at scoring time, not as they are now.
 * No foreign key to teams: a rollup is a snapshot.
 */

/** One row per run that has rollups: the marker the backfill checks, and the run its flows compare with. */
export const scoreRollupRuns = pgTable('score_rollup_runs', {
  runId: integer('run_id')
    .primaryKey()
    .references(() => scoringRuns.id, { onDelete: 'cascade' }),
  /** The previous succeeded run with scores (earlier as-of day) at writing time; null = no flows. */
  previousRunId: integer('previous_run_id'),
  writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Subscribers and sums per (team, city, tier, lifecycle stage, previous tier) of one run.
 * Flows ride on the same rows: `previous_tier` is the tier in the previous run (null = new in this
 * run). Subscribers scored in the previous run but not in this one ("left") are rows with `tier`
 * and `lifecycle_stage` null, the previous run's city, and zero sums; distributions skip them
 * (`tier is not null`), the flows count them as `previous_tier → null`.
 */
export const scoreRollups = pgTable(
  'score_rollups',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => scoringRuns.id, { onDelete: 'cascade' }),
    teamId: integer('team_id'),
    city: text('city').notNull(),
    /** Null: the subscriber left (scored in the previous run only). */
    tier: text('tier'),
    lifecycleStage: text('lifecycle_stage'),
    /** Null: new in this run (or no previous run; then score_rollup_runs.previous_run_id is null). */
    previousTier: text('previous_tier'),
    subscribers: integer('subscribers').notNull(),
    /** Of them, with at least one churn signal. */
    withSignal: integer('with_signal').notNull(),
    /** Of them, with revenue at risk above zero. */
    atRisk: integer('at_risk').notNull(),
    arpu3FenSum: bigint('arpu3_fen_sum', { mode: 'number' }).notNull(),
    revenueAtRiskFenSum: bigint('revenue_at_risk_fen_sum', { mode: 'number' }).notNull(),
    probabilitySum: doublePrecision('probability_sum').notNull(),
  },
  (t) => [index('score_rollups_run_idx').on(t.runId)],
);

/** Per (team, city, tier, signal code) of one run; a subscriber counts once under each of their codes. */
export const scoreSignalRollups = pgTable(
  'score_signal_rollups',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => scoringRuns.id, { onDelete: 'cascade' }),
    teamId: integer('team_id'),
    city: text('city').notNull(),
    tier: text('tier').notNull(),
    signalCode: text('signal_code').notNull(),
    subscribers: integer('subscribers').notNull(),
    revenueAtRiskFenSum: bigint('revenue_at_risk_fen_sum', { mode: 'number' }).notNull(),
  },
  (t) => [index('score_signal_rollups_run_idx').on(t.runId)],
);

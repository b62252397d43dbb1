import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The operator's scoring settings (every threshold of DOMAIN.md §2–§6), one row per saved version.
 * The highest version is in force; older ones stay so a score can say which rules made it.
 */
export const scoringSettingsVersions = pgTable('scoring_settings_versions', {
  version: integer('version').primaryKey(),
  document: jsonb('document').notNull(),
  note: text('note'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Trained churn models; exactly one may be active, and each score names the model that made it. */
export const churnModels = pgTable(
  'churn_models',
  {
    id: serial('id').primaryKey(),
    /** operator_history (trained on our own snapshots) or csv (an uploaded labelled table). */
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    horizonMonths: integer('horizon_months').notNull(),
    /** The snapshot days (operator history) or file name (csv) it learned from. */
    trainedOn: text('trained_on').notNull(),
    trainRows: integer('train_rows').notNull(),
    positives: integer('positives').notNull(),
    /** Held-out figures: roc_auc, pr_auc, lift10, calibration table. */
    metrics: jsonb('metrics').notNull(),
    params: jsonb('params').notNull(),
    /** The serialised model (src/ml model JSON); text, as it is only ever read whole. */
    modelJson: text('model_json').notNull(),
    isActive: boolean('is_active').notNull().default(false),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('churn_models_one_active_idx').on(t.isActive).where(sql`${t.isActive}`)],
);

/**
 * One row per scoring run. A run's scores become visible in the same transaction that marks it
 * succeeded; a run left 'running' by a killed process is marked 'interrupted' by the next one.
 */
export const scoringRuns = pgTable(
  'scoring_runs',
  {
    id: serial('id').primaryKey(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    trigger: text('trigger').notNull(),
    settingsVersion: integer('settings_version').notNull(),
    modelId: integer('model_id').references(() => churnModels.id),
    stage: text('stage').notNull().default('queued'),
    subscribers: integer('subscribers').notNull().default(0),
    /** Seconds per stage, and checks against ground truth where the demo recorded one. */
    timings: jsonb('timings'),
    checks: jsonb('checks'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('scoring_runs_status_idx').on(t.status, t.id)],
);

/**
 * One subscriber's outcome in one run, partitioned by run (LIST on run_id, written by hand into
 * migration 0002: Drizzle does not model partitions): a run loads its own partition and attaches
 * it at commit; old runs are dropped whole. subscriber_id leads the key (the Citus distribution column);
 * no foreign key to subscribers, so a million-row COPY does not probe a million parents and a later
 * distributed table needs no cross-shard constraint. Signals, reasons and key moments are stored as
 * structured parameters and rendered in the reader's language; they are `json`, not `jsonb`, as they
 * are only ever read whole and a million-row COPY skips jsonb's conversion.
 */
export const subscriberScores = pgTable(
  'subscriber_scores',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' }).notNull(),
    runId: integer('run_id').notNull(),
    modelId: integer('model_id'),
    probability: real('probability').notNull(),
    riskBand: text('risk_band').notNull(),
    tier: text('tier').notNull(),
    tierReason: text('tier_reason').notNull(),
    lifecycleStage: text('lifecycle_stage').notNull(),
    vipKind: text('vip_kind').notNull(),
    contributionClass: text('contribution_class').notNull(),
    inTargetPool: boolean('in_target_pool').notNull(),
    segments: text('segments').array().notNull(),
    signalCodes: text('signal_codes').array().notNull(),
    signals: json('signals').notNull(),
    reasons: json('reasons').notNull(),
    keyMoments: json('key_moments').notNull(),
    arpu3Fen: bigint('arpu3_fen', { mode: 'number' }),
    revenueAtRiskFen: bigint('revenue_at_risk_fen', { mode: 'number' }).notNull(),
    /** The short monthly series the screens draw: months, spend, minutes, data. */
    series: json('series').notNull(),
    city: text('city').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.runId] }),
    index('subscriber_scores_run_risk_idx').on(t.runId, t.probability.desc(), t.subscriberId),
    // An agent's "high risk in my book": the run's subscribers of one band as a set of ids, probed
    // against the book instead of reading every book member's score row (docs/proof.md, load).
    index('subscriber_scores_run_risk_band_idx').on(t.runId, t.riskBand, t.subscriberId),
  ],
);

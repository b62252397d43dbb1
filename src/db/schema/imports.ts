import { bigint, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';

/** One row per import attempt, kept for operators to see what was loaded when. */
export const importRuns = pgTable('import_runs', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsLoaded: integer('rows_loaded').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  months: text('months').array(),
  errorSample: jsonb('error_sample'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/**
 * Ground truth planted by the demo generator: which subscribers will churn, when, and which
 * signals were planted beforehand. Lets later work check its scores against the truth.
 */
export const demoChurnTruth = pgTable(
  'demo_churn_truth',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    churnMonth: text('churn_month').notNull(),
    plantedSignals: text('planted_signals').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId] })],
);

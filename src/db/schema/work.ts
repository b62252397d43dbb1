import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';
import { teams, users } from './users';

/**
 * A call (or SMS) a phone manager should make. An owned task keeps its agent (callbacks, the
 * agent's own book); an unowned one is open to the team. Claiming is one statement with
 * FOR UPDATE SKIP LOCKED, so two agents can never hold the same task; a claim not finished by its
 * expiry returns the task to the pool. subscriber_id leads the key (the Citus distribution column).
 */
export const callTasks = pgTable(
  'call_tasks',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    priority: real('priority').notNull().default(0),
    /** Why this task, in the scores' reasons style (rendered by the reader's language). */
    reasons: json('reasons').notNull().default(sql`'[]'::json`),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    status: text('status').notNull().default('open'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    claimedByUserId: integer('claimed_by_user_id').references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    /** The campaign, action and offer the plan chose this call for (null for ad-hoc tasks). */
    campaignId: integer('campaign_id'),
    planId: integer('plan_id'),
    action: text('action'),
    offerCode: text('offer_code'),
    /** Expected value of the call in fen (the next-best-action score), for the supervisor's view. */
    expectedValueFen: integer('expected_value_fen'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** done | expired | cancelled tasks keep their row; why it ended. */
    closedReason: text('closed_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    // The queue's two lookups: an agent's own open tasks, and the team's unowned ones.
    index('call_tasks_owner_queue_idx').on(t.ownerUserId, t.status, t.priority.desc()),
    index('call_tasks_team_queue_idx').on(t.teamId, t.status, t.priority.desc()),
    index('call_tasks_claims_idx').on(t.status, t.claimExpiresAt),
    index('call_tasks_plan_idx').on(t.planId, t.claimedByUserId),
    // Task routes look a task up by its id alone (the key leads with subscriber_id).
    index('call_tasks_id_idx').on(t.id),
  ],
);

import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/** Append-only record of who did what to which subscriber, from where and why (DOMAIN.md §12). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subscriberId: bigint('subscriber_id', { mode: 'number' }),
    target: text('target'),
    sourceIp: text('source_ip'),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_time_idx').on(t.occurredAt),
    index('audit_log_subscriber_idx').on(t.subscriberId),
    // Per-user rate limits count the user's recent entries of one action.
    index('audit_log_actor_idx').on(t.actorUserId, t.action, t.occurredAt),
  ],
);

import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';
import { teams, users } from './users';

/**
 * Which phone manager owns which subscriber (the agent's "book"). The team is denormalised so a
 * lead's scope is one indexed lookup; it is rewritten when an agent changes team.
 */
export const subscriberBooks = pgTable(
  'subscriber_books',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .primaryKey()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    agentUserId: integer('agent_user_id')
      .notNull()
      .references(() => users.id),
    teamId: integer('team_id').references(() => teams.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subscriber_books_agent_idx').on(t.agentUserId, t.subscriberId),
    index('subscriber_books_team_idx').on(t.teamId, t.subscriberId),
  ],
);

/** What the phone manager learned about the subscriber on calls (DOMAIN.md §5); codes or null. */
export const subscriberAgentTags = pgTable('subscriber_agent_tags', {
  subscriberId: bigint('subscriber_id', { mode: 'number' })
    .primaryKey()
    .references(() => subscribers.id, { onDelete: 'cascade' }),
  personality: text('personality'),
  mood: text('mood'),
  purchasePsychology: text('purchase_psychology'),
  communicationStyle: text('communication_style'),
  consumptionHabit: text('consumption_habit'),
  complaintPsychology: text('complaint_psychology'),
  updatedByUserId: integer('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

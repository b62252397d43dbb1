import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';
import { users } from './users';

/** Every inbound or outbound interaction with a subscriber (DOMAIN.md §10). */
export const serviceContacts = pgTable(
  'service_contacts',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    type: text('type').notNull(),
    agentUserId: integer('agent_user_id').references(() => users.id),
    summary: text('summary'),
    /** What the classifier suggested from the note, kept beside the agent's confirmed `type`. */
    suggestedType: text('suggested_type'),
    /** A complaint's four-part analysis (DOMAIN.md §10): emotion, fact, opinion, claim. */
    emotion: text('emotion'),
    fact: text('fact'),
    opinion: text('opinion'),
    claim: text('claim'),
    /** venting | respect_seeking | compensation_seeking */
    complaintPsychology: text('complaint_psychology'),
    /** The ticket this contact raised, and the call task it was logged on, if any. */
    ticketId: bigint('ticket_id', { mode: 'number' }),
    callTaskId: bigint('call_task_id', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('service_contacts_time_idx').on(t.subscriberId, t.occurredAt),
    index('service_contacts_id_idx').on(t.id),
  ],
);

/** Complaints as the operator's complaint system records them; tickets build on these later. */
export const complaints = pgTable(
  'complaints',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    complaintNo: text('complaint_no').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    description: text('description'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.complaintNo] }),
    index('complaints_open_idx').on(t.status, t.openedAt),
  ],
);

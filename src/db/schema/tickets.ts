import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';
import { users } from './users';

/**
 * A group that works tickets (DOMAIN.md §10): the area's grid engineers, online service, terminal
 * specialists, the billing desk. The routing table names a group; its lead and manager receive the
 * escalations when a ticket breaches.
 */
export const serviceGroups = pgTable('service_groups', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  leadUserId: integer('lead_user_id').references(() => users.id),
  managerUserId: integer('manager_user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who works in a group, and how many open tickets each may hold before assignment passes them by. */
export const serviceGroupMembers = pgTable(
  'service_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => serviceGroups.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    capacity: integer('capacity').notNull().default(10),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index('service_group_members_user_idx').on(t.userId),
  ],
);

/**
 * A complaint or request being worked to resolution on an SLA clock. `version` is the optimistic
 * concurrency token (ETag): every change bumps it, and a write naming an older version is refused.
 * The SLA terms are copied in at opening, so a later change to the matrix never moves a promise
 * already made. Pauses (waiting on the customer) are kept on the row with the version that guards
 * them. subscriber_id leads the key (the Citus distribution column); ids are looked up alone too.
 */
export const tickets = pgTable(
  'tickets',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    /** contact | call | import | revisit | hot_spot */
    source: text('source').notNull(),
    /** The contact that raised it (service_contacts.id), if any. */
    contactId: bigint('contact_id', { mode: 'number' }),
    /** The operator's complaint-system number when imported. */
    complaintNo: text('complaint_no'),
    category: text('category').notNull(),
    title: text('title').notNull(),
    /** Stored masked, like call notes. */
    description: text('description'),
    /** The subscriber's level at opening: the SLA terms depend on it. */
    vipLevel: text('vip_level').notNull(),
    city: text('city'),
    district: text('district'),
    /** open | waiting_customer | resolved | closed */
    status: text('status').notNull().default('open'),
    groupId: integer('group_id').references(() => serviceGroups.id),
    groupName: text('group_name').notNull(),
    assigneeUserId: integer('assignee_user_id').references(() => users.id),
    openedByUserId: integer('opened_by_user_id').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** The SlaTerms (limit, clock business|calendar, warning ratio, escalation steps) copied from
     * the SLA matrix at opening. */
    slaTerms: jsonb('sla_terms').notNull(),
    /** Waiting on the customer does not count: [{pausedAt, resumedAt|null}] (ISO strings). */
    pauses: jsonb('pauses').notNull().default(sql`'[]'::jsonb`),
    /** The clock's reading, kept current on every change and by the sweep, so lists can filter. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    slaState: text('sla_state').notNull().default('on_track'),
    escalationLevel: text('escalation_level').notNull().default('none'),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    resolution: text('resolution'),
    reopenCount: integer('reopen_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('tickets_id_idx').on(t.id),
    index('tickets_status_due_idx').on(t.status, t.dueAt),
    index('tickets_assignee_idx').on(t.assigneeUserId, t.status),
    index('tickets_group_idx').on(t.groupId, t.status),
    index('tickets_opened_idx').on(t.openedAt),
    uniqueIndex('tickets_complaint_no_idx').on(t.subscriberId, t.complaintNo),
  ],
);

/** A ticket's timeline: every change, note, SLA warning, breach and escalation, in order. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' }).notNull(),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    /** opened | dispatched | assigned | note | paused | resumed | warning | breached | escalated |
     * resolved | closed | reopened | revisit */
    kind: text('kind').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('ticket_events_ticket_idx').on(t.ticketId, t.at),
  ],
);

/**
 * The satisfaction revisit after a ticket is resolved (DOMAIN.md §10): a call task for a VIP, an
 * SMS survey for others. A low score reopens the ticket; scores feed the churn features.
 */
export const satisfactionRevisits = pgTable(
  'satisfaction_revisits',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    /** call | sms */
    channel: text('channel').notNull(),
    /** pending | answered | unanswered | cancelled */
    status: text('status').notNull().default('pending'),
    taskId: bigint('task_id', { mode: 'number' }),
    smsId: bigint('sms_id', { mode: 'number' }),
    score: integer('score'),
    comment: text('comment'),
    reopened: integer('reopened').notNull().default(0),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('satisfaction_revisits_ticket_idx').on(t.ticketId),
    index('satisfaction_revisits_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * A root-cause work order from a complaint hot spot (e.g. base-station optimisation for a district
 * full of weak-signal complaints), tracked to closure. open → in_progress → done; version guards edits.
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    team: text('team').notNull(),
    city: text('city'),
    district: text('district'),
    category: text('category').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    /** The hot spot's test: observed, expected, ratio, p, q. */
    evidence: jsonb('evidence').notNull(),
    status: text('status').notNull().default('open'),
    resolution: text('resolution'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('work_orders_cell_idx').on(t.city, t.district, t.category, t.weekStart),
    index('work_orders_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * Versioned service settings documents, one history per kind: routing (the dispatch table),
 * sla (the level × category matrix), classifier (contact-type keyword rules), revisit (who gets a
 * call and who an SMS, the reopen threshold), hot_spots (test and thresholds). The newest wins.
 */
export const serviceSettingsVersions = pgTable(
  'service_settings_versions',
  {
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.version] })],
);

import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { subscribers } from './subscribers';
import { users } from './users';

/**
 * Every outbound contact attempt we made — calls from the workbench and care SMS — with its
 * disposition (DOMAIN.md §9). The contact policy reads its history from here; campaign results
 * count contact and acceptance from here. Notes are stored masked.
 */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    campaignId: integer('campaign_id'),
    taskId: bigint('task_id', { mode: 'number' }),
    agentUserId: integer('agent_user_id').references(() => users.id),
    /** call | sms */
    channel: text('channel').notNull(),
    /** marketing | care */
    purpose: text('purpose').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    reached: boolean('reached').notNull(),
    /** not_reached | wrong_number | call_back | refused | accepted | complaint | do_not_call | sms_sent */
    disposition: text('disposition').notNull(),
    refusalReason: text('refusal_reason'),
    refusedMarketing: boolean('refused_marketing').notNull().default(false),
    offerCode: text('offer_code'),
    offerCostFen: integer('offer_cost_fen'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    notes: text('notes'),
    handleSeconds: integer('handle_seconds'),
    /** Peak-end survey reply, 1–5. */
    satisfaction: integer('satisfaction'),
    details: jsonb('details'),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('contact_attempts_time_idx').on(t.subscriberId, t.startedAt),
    index('contact_attempts_agent_idx').on(t.agentUserId, t.startedAt),
    index('contact_attempts_campaign_idx').on(t.campaignId, t.disposition),
  ],
);

/** Care SMS templates with {variables} (DOMAIN.md §6, §9); zh and en bodies. */
export const smsTemplates = pgTable('sms_templates', {
  code: text('code').primaryKey(),
  /** care | marketing | survey */
  purpose: text('purpose').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The SMS outbox: a message is written here (after the contact policy) and sent over SMPP by the
 * sender; the SMSC's message id links the delivery receipt back. queued → submitted → delivered |
 * failed; refused when the policy said no (never sent).
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    templateCode: text('template_code').notNull(),
    purpose: text('purpose').notNull(),
    campaignId: integer('campaign_id'),
    /** For a survey: the contact it asks about. */
    surveyForContactId: bigint('survey_for_contact_id', { mode: 'number' }),
    body: text('body').notNull(),
    status: text('status').notNull().default('queued'),
    refusals: jsonb('refusals'),
    smscMessageId: text('smsc_message_id'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.id] }),
    index('sms_outbox_status_idx').on(t.status, t.notBefore),
    index('sms_outbox_smsc_idx').on(t.smscMessageId),
  ],
);

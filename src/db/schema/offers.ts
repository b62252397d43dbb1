import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The offer catalogue, typed by the five retention rules (DOMAIN.md §7). Eligibility is a small
 * JSON document (tiers, segments, plans, tenure, signals) checked by a pure function; cost is what
 * the operator gives away, value what a save is expected to keep. Small reference table.
 */
export const offers = pgTable('offers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  /** cost | product | relationship | value | embedded */
  rule: text('rule').notNull(),
  /** What the offer does: plan_change, bill_discount, recharge_rebate, handset, bundle, care, … */
  kind: text('kind').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  eligibility: jsonb('eligibility').notNull().default(sql`'{}'::jsonb`),
  costFen: integer('cost_fen').notNull().default(0),
  /** For plan moves: the catalogue plan the subscriber moves to. */
  targetPlanCode: text('target_plan_code'),
  /** call | sms | any */
  channel: text('channel').notNull().default('call'),
  scriptCode: text('script_code'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Call scripts by scenario (DOMAIN.md §9): opening, body, objection handling and closing per
 * language, in `content`. Edited by analysts; saved only when the forbidden-phrase lint passes.
 */
export const scripts = pgTable('scripts', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  /** service_marketing | revisit | new_business | competitor_winback | care */
  scenario: text('scenario').notNull(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  content: jsonb('content').notNull(),
  version: integer('version').notNull().default(1),
  updatedByUserId: integer('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The next-best-action settings (levers, per-subscriber budget, P(save) priors, plan defaults),
 * one row per saved version like the scoring settings; the highest version is in force.
 */
export const decisionSettingsVersions = pgTable('decision_settings_versions', {
  version: integer('version').primaryKey(),
  document: jsonb('document').notNull(),
  note: text('note'),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

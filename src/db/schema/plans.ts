import { boolean, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** The tariff catalogue. Small reference table (a Citus reference table when scaled out). */
export const plans = pgTable('plans', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  brand: text('brand').notNull(),
  monthlyFeeFen: integer('monthly_fee_fen').notNull(),
  includedMinutes: integer('included_minutes').notNull(),
  includedDataMb: integer('included_data_mb').notNull(),
  includedSms: integer('included_sms').notNull(),
  overageVoiceFenPerMinute: integer('overage_voice_fen_per_minute').notNull(),
  overageDataFenPerMb: integer('overage_data_fen_per_mb').notNull(),
  overageSmsFen: integer('overage_sms_fen').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

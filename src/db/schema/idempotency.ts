import { index, integer, jsonb, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { importRuns } from './imports';
import { users } from './users';

/**
 * One row per Idempotency-Key a user sent with a write (src/features/idempotency). For the writes
 * that live in PostgreSQL the row is inserted in the transaction of the write itself and holds the
 * answer the client got, so "done" and "remembered" commit together. An import keeps its run here
 * instead: claimed when the import starts, answered when it commits.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: serial('id').primaryKey(),
    /** Whose key it is (keys are per user); null for the command line (`vipdesk import`). */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** "POST /api/tasks/:id/outcome": the route the key was first used on (named in a refusal). */
    route: text('route').notNull(),
    /** SHA-256 of the route, its parameters and the body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    /** The answer, exactly as sent (null while an import still runs). */
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    importRunId: integer('import_run_id').references(() => importRuns.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** After this the key is forgotten (swept) and may be used again. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // The one arbiter of "first": a concurrent duplicate waits on it until the first commits.
    // NULLS NOT DISTINCT so the command line's keys (no user) collide with each other too.
    unique('idempotency_keys_owner_key').on(t.userId, t.key).nullsNotDistinct(),
    index('idempotency_keys_expiry_idx').on(t.expiresAt),
  ],
);

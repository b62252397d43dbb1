// EXPLAIN (ANALYZE, BUFFERS) of the console's search statements exactly as the server sends them:
// the real findSubscriberPage runs once against a Drizzle client whose logger records each
// statement and its parameters, and every recorded statement is then explained on its own.
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '#src/db/schema/index';
import { subscribers } from '#src/db/schema/subscribers';
import { type SubscriberScope, scopeCondition } from '#src/features/auth/subscriber-scope';
import { findSubscriberPage } from '#src/features/subscribers/subscribers.repository';
import { listSubscribersQuerySchema } from '#src/features/subscribers/subscribers.schemas';

export type ExplainedStatement = { sql: string; params: unknown[]; executionMs: number; plan: string };
export type ExplainedShape = {
  name: string;
  query: Record<string, string>;
  statements: ExplainedStatement[];
};

export type SearchShape = { name: string; scope: SubscriberScope; query: Record<string, string> };

export async function explainSearches(
  url: string,
  shapes: readonly SearchShape[],
): Promise<ExplainedShape[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const recorded: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(pool, {
    schema,
    logger: { logQuery: (sql, params) => recorded.push({ sql, params }) },
  });
  try {
    const run = await pool.query<{ id: number }>(
      "select id from scoring_runs where status = 'succeeded' order by id desc limit 1",
    );
    const runId = run.rows[0]?.id ?? null;
    const out: ExplainedShape[] = [];
    for (const shape of shapes) {
      recorded.length = 0;
      const scope: SQL | undefined = scopeCondition(shape.scope, subscribers.id);
      await findSubscriberPage(db, listSubscribersQuerySchema.parse(shape.query), scope, runId);
      const statements: ExplainedStatement[] = [];
      for (const statement of [...recorded]) {
        // Twice: the first pays for any cold pages, the second is the steady state the load saw.
        await pool.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
        const result = await pool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${statement.sql}`,
          statement.params,
        );
        const plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
        const match = /Execution Time: ([\d.]+) ms/.exec(plan);
        statements.push({ ...statement, executionMs: match ? Number(match[1]) : Number.NaN, plan });
      }
      out.push({ name: shape.name, query: shape.query, statements });
    }
    return out;
  } finally {
    await pool.end();
  }
}

export const totalMs = (shape: ExplainedShape) => shape.statements.reduce((sum, s) => sum + s.executionMs, 0);

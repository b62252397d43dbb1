import type { QueryResultRow } from 'pg';
import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { runInTransaction, type Session } from '#src/db/transaction';

/**
 * Writes one run's dashboard rollups (score_rollups, score_signal_rollups, score_rollup_runs; see
 * src/db/schema/dashboards.ts): two set-based INSERT … SELECT … GROUP BY over the run's partition,
 * each one pass. Scoring calls it inside the transaction that publishes the run, so a run is never
 * visible without them; the dashboards call `ensureScoreRollups` for runs scored before rollups
 * existed. Idempotent: the run's rollups are deleted first, in the same transaction.
 *
 * The team is the subscriber's book team now (at writing time): a lead's dashboard counts the books
 * as they were when the run was scored, which is what a monthly report of that run should show.
 */

// Arbitrary, fixed: the advisory-lock class for "writing a run's rollups" (the run id is the key).
const ROLLUP_LOCK_CLASS = 7_305_011;

// A run's scores live in its own partition; pruned runs keep their row but not their scores.
const HAS_SCORES = `to_regclass('subscriber_scores_r' || r.id) is not null`;

export type RollupRun = { previousRunId: number | null; previousAsOf: string | null };

type Query = <T extends QueryResultRow>(text: string, params: unknown[]) => Promise<T[]>;

/** Writes (or rewrites) the rollups of `runId`, inside `target`'s transaction or a new one. */
export async function writeScoreRollups(target: Session | Engine, runId: number): Promise<void> {
  if ('kind' in target) {
    await runInTransaction(target, async (session) => {
      await writeIn(session, runId);
      return { commit: true, result: undefined };
    });
    return;
  }
  await writeIn(target, runId);
}

async function writeIn(session: Session, runId: number): Promise<void> {
  const query: Query = (text, params) => session.query(text, params);
  // Serialises with a dashboard backfilling the same run (and with a rescore's publish).
  await query(`select pg_advisory_xact_lock($1::int, $2::int)`, [ROLLUP_LOCK_CLASS, runId]);
  await writeLocked(query, runId);
}

async function writeLocked(query: Query, runId: number): Promise<void> {
  for (const table of ['score_rollups', 'score_signal_rollups', 'score_rollup_runs']) {
    await query(`delete from ${table} where run_id = $1::int`, [runId]);
  }
  // The previous run as the tier flows and the dashboards mean it: the latest succeeded run with
  // scores as of an earlier day. While publishing, `runId` itself is not succeeded yet.
  const [previous] = await query<{ id: number }>(
    `select r.id from scoring_runs r
      where r.status = 'succeeded' and ${HAS_SCORES} and r.id <> $1::int
        and r.as_of < (select as_of from scoring_runs where id = $1::int)
      order by r.as_of desc, r.id desc limit 1`,
    [runId],
  );
  const previousRunId = previous ? Number(previous.id) : null;
  await query(`insert into score_rollup_runs (run_id, previous_run_id) values ($1::int, $2::int)`, [
    runId,
    previousRunId,
  ]);
  // Group by hashing, never by sorting: a rollup has a few hundred groups (team × city × tier ×
  // stage), but the planner cannot tell from a fresh partition and a coalesce over a full join, and
  // expecting one group per row it sorted all of them (10M rows to disk at 10M subscribers: 24 s
  // and 10 s for the two statements, against 8.6 s and 8.1 s hashed). A hash aggregate that did
  // outgrow work_mem would spill to disk rather than fail. Local to this transaction.
  await query(`set local enable_sort = off`, []);
  // Current run full-joined with the previous one by subscriber (both read in subscriber order from
  // the (run_id, subscriber_id) covering index): left-only rows are subscribers who left.
  await query(
    `insert into score_rollups (run_id, team_id, city, tier, lifecycle_stage, previous_tier, subscribers,
                                with_signal, at_risk, arpu3_fen_sum, revenue_at_risk_fen_sum, probability_sum)
     select $1::int, b.team_id, coalesce(c.city, p.city), c.tier, c.lifecycle_stage, p.tier,
            count(*)::int,
            count(*) filter (where cardinality(c.signal_codes) > 0)::int,
            count(*) filter (where c.revenue_at_risk_fen > 0)::int,
            coalesce(sum(c.arpu3_fen), 0)::bigint,
            coalesce(sum(c.revenue_at_risk_fen), 0)::bigint,
            coalesce(sum(c.probability::float8), 0)
       from (select subscriber_id, tier, lifecycle_stage, city, signal_codes, arpu3_fen, revenue_at_risk_fen,
                    probability
               from subscriber_scores where run_id = $1::int) c
       full join (select subscriber_id, tier, city from subscriber_scores where run_id = $2::int) p
         on p.subscriber_id = c.subscriber_id
       left join subscriber_books b on b.subscriber_id = coalesce(c.subscriber_id, p.subscriber_id)
      group by b.team_id, coalesce(c.city, p.city), c.tier, c.lifecycle_stage, p.tier`,
    [runId, previousRunId],
  );
  await query(
    `insert into score_signal_rollups (run_id, team_id, city, tier, signal_code, subscribers, revenue_at_risk_fen_sum)
     select $1::int, b.team_id, s.city, s.tier, code, count(*)::int, coalesce(sum(s.revenue_at_risk_fen), 0)::bigint
       from subscriber_scores s
       cross join lateral unnest(s.signal_codes) as code
       left join subscriber_books b on b.subscriber_id = s.subscriber_id
      where s.run_id = $1::int and cardinality(s.signal_codes) > 0
      group by b.team_id, s.city, s.tier, code`,
    [runId],
  );
}

async function readRollupRun(engine: Engine, runId: number): Promise<RollupRun | undefined> {
  const [row] = await queryRows<{ previous_run_id: number | null; previous_as_of: string | null }>(
    engine,
    `select m.previous_run_id, to_char(p.as_of, 'YYYY-MM-DD') as previous_as_of
       from score_rollup_runs m left join scoring_runs p on p.id = m.previous_run_id
      where m.run_id = $1::int`,
    [runId],
  );
  if (!row) return undefined;
  return {
    previousRunId: row.previous_run_id === null ? null : Number(row.previous_run_id),
    previousAsOf: row.previous_as_of,
  };
}

/**
 * The run's rollups, written first if the run predates them (scored before this change). The
 * advisory lock makes a second request wait for the first one's rollups instead of writing its own.
 */
export async function ensureScoreRollups(engine: Engine, runId: number): Promise<RollupRun> {
  const existing = await readRollupRun(engine, runId);
  if (existing) return existing;
  await runInTransaction(engine, async (session) => {
    const query: Query = (text, params) => session.query(text, params);
    await query(`select pg_advisory_xact_lock($1::int, $2::int)`, [ROLLUP_LOCK_CLASS, runId]);
    const [done] = await query(`select 1 from score_rollup_runs where run_id = $1::int`, [runId]);
    if (!done) await writeLocked(query, runId);
    return { commit: true, result: undefined };
  });
  const written = await readRollupRun(engine, runId);
  if (!written) throw new Error(`the rollups of run ${runId} were not written`);
  return written;
}

import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { Session } from '#src/db/transaction';
import { readLineChunks } from './line-chunks';
import { SCORE_COLUMNS } from './score-record';

/**
 * subscriber_scores is partitioned by run (LIST on run_id, migration 0002): a run's rows are
 * loaded into a bare table, indexed in one sorted build, then attached. That is cheaper than
 * maintaining two B-trees row by row during the COPY, and pruning an old run is a DROP TABLE
 * instead of deleting a million rows. Everything happens inside the run's write transaction.
 */
export function partitionName(runId: number): string {
  if (!Number.isInteger(runId) || runId <= 0) throw new Error(`not a run id: ${runId}`);
  return `subscriber_scores_r${runId}`;
}

export async function loadRunPartition(
  session: Session,
  runId: number,
  files: readonly string[],
): Promise<void> {
  await createRunPartition(session, runId);
  for (const file of files)
    await session.copy(partitionName(runId), SCORE_COLUMNS, readLineChunks(file), 'text');
  await attachRunPartition(session, runId);
}

/**
 * The run's bare partition table, not attached yet (so nothing reads it until the run commits).
 * Its CHECK is there from the start: each loaded row is checked as it comes, where adding it after
 * the load scanned every row again (seconds at 10M); ATTACH relies on it to skip its own scan.
 */
export async function createRunPartition(session: Session, runId: number): Promise<void> {
  const table = partitionName(runId);
  await session.query(
    `CREATE TABLE ${table} (LIKE subscriber_scores INCLUDING DEFAULTS, CONSTRAINT ${table}_run CHECK (run_id = ${runId}))`,
  );
}

/** Indexes the loaded partition and attaches it to subscriber_scores. */
export async function attachRunPartition(session: Session, runId: number): Promise<void> {
  const table = partitionName(runId);
  // Indexes that match the parent's, so ATTACH adopts them instead of building its own; the CHECK
  // (createRunPartition) lets ATTACH skip scanning the rows to prove they belong to this run.
  await session.query(`ALTER TABLE ${table} ADD PRIMARY KEY (subscriber_id, run_id)`);
  await session.query(`CREATE INDEX ON ${table} (run_id, probability DESC, subscriber_id)`);
  await session.query(`ALTER TABLE subscriber_scores ATTACH PARTITION ${table} FOR VALUES IN (${runId})`);
}

/**
 * Drops the score partitions of succeeded runs older than the newest `keep` (their run rows stay
 * as history). Returns the run ids whose scores went.
 */
export async function dropOldPartitions(engine: Engine, keep: number): Promise<number[]> {
  const stale = await queryRows<{ id: number }>(
    engine,
    `SELECT id FROM scoring_runs
      WHERE status = 'succeeded'
        AND id < (SELECT min(id) FROM (SELECT id FROM scoring_runs WHERE status = 'succeeded'
                                        ORDER BY id DESC LIMIT $1) newest)
        AND to_regclass('subscriber_scores_r' || id) IS NOT NULL
      ORDER BY id`,
    [keep],
  );
  for (const { id } of stale) await queryRows(engine, `DROP TABLE ${partitionName(Number(id))}`);
  return stale.map((r) => Number(r.id));
}

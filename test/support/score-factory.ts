import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { partitionName } from '#src/features/scoring/runs/score-partition';
import { SCORE_COLUMNS, type ScoreRecord, scoreCopyLine } from '#src/features/scoring/runs/score-record';

/** A score with plausible defaults: a low-risk, valuable, stable subscriber. */
export function buildScore(subscriberId: number, overrides: Partial<ScoreRecord> = {}): ScoreRecord {
  return {
    subscriberId,
    probability: 0.05,
    riskBand: 'low',
    tier: 'high_value',
    tierReason: 'high_contribution',
    lifecycleStage: 'mature',
    vipKind: 'none',
    contributionClass: 'high',
    inTargetPool: true,
    segments: [],
    signals: [],
    reasons: [],
    keyMoments: [],
    arpu3Fen: 12_800,
    revenueAtRiskFen: 0,
    series: {
      spendFen: [12_800, 12_800, 12_800, 12_800, 12_800, 12_800],
      minutes: [300, 300, 300, 300, 300, 300],
      dataMb: [8_000, 8_000, 8_000, 8_000, 8_000, 8_000],
      mix: { voice: 0.4, data: 0.5, valueAdded: 0.1 },
    },
    city: '南京',
    ...overrides,
  };
}

/**
 * A succeeded scoring run holding exactly these scores, written the way a real run writes them
 * (a partition of subscriber_scores, attached), so readers see it as the current run.
 */
export async function insertScoringRun(
  handle: DbHandle,
  records: readonly ScoreRecord[],
  asOf = '2026-03-31',
): Promise<number> {
  const engine = handle.engine;
  const [run] = await queryRows<{ id: number }>(
    engine,
    `INSERT INTO scoring_runs (as_of, status, trigger, settings_version, stage, subscribers, finished_at)
     VALUES ($1, 'succeeded', 'test', 1, 'done', $2, now()) RETURNING id`,
    [asOf, records.length],
  );
  const runId = Number(run?.id);
  const table = partitionName(runId);
  await queryRows(engine, `CREATE TABLE ${table} (LIKE subscriber_scores INCLUDING DEFAULTS)`);
  if (records.length > 0) {
    // Text COPY lines → INSERT via a VALUES-free path both engines share: one row at a time is
    // fine for test-sized runs.
    const columns = SCORE_COLUMNS.join(', ');
    for (const record of records) {
      const fields = scoreCopyLine(runId, null, record).replace(/\n$/, '').split('\t');
      const values = fields.map((f) => (f === '\\N' ? null : unescapeCopy(f)));
      const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
      await queryRows(engine, `INSERT INTO ${table} (${columns}) VALUES (${placeholders})`, values);
    }
  }
  await queryRows(engine, `ALTER TABLE ${table} ADD PRIMARY KEY (subscriber_id, run_id)`);
  await queryRows(engine, `ALTER TABLE ${table} ADD CONSTRAINT ${table}_run CHECK (run_id = ${runId})`);
  await queryRows(engine, `ALTER TABLE subscriber_scores ATTACH PARTITION ${table} FOR VALUES IN (${runId})`);
  return runId;
}

function unescapeCopy(field: string): string {
  return field.replace(/\\(.)/g, (_, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
  );
}

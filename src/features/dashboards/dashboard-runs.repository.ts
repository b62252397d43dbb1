import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

export type DashboardRun = { id: number; asOf: string };

type RunRow = { id: number; as_of: string | Date };

// A run's scores live in its own partition; pruned runs keep their row but not their scores.
const HAS_SCORES = `to_regclass('subscriber_scores_r' || r.id) is not null`;

function toRun(row: RunRow): DashboardRun {
  const asOf = row.as_of instanceof Date ? row.as_of.toISOString().slice(0, 10) : String(row.as_of);
  return { id: Number(row.id), asOf };
}

/**
 * The run a run-based dashboard shows: the latest succeeded run with scores, or, for a month, the
 * latest succeeded run whose as-of day falls in it.
 */
export async function findDashboardRun(
  engine: Engine,
  within: { from: string; to: string } | null,
): Promise<DashboardRun | undefined> {
  const rows = await queryRows<RunRow>(
    engine,
    `select r.id, to_char(r.as_of, 'YYYY-MM-DD') as as_of from scoring_runs r
      where r.status = 'succeeded' and ${HAS_SCORES}
        and ($1::date is null or r.as_of between $1::date and $2::date)
      order by r.id desc limit 1`,
    [within?.from ?? null, within?.to ?? null],
  );
  return rows[0] ? toRun(rows[0]) : undefined;
}

export type TrendRun = DashboardRun & { horizonMonths: number };

/**
 * Succeeded runs with scores, one per as-of day (the latest run of a day), oldest first, with the
 * horizon their probabilities speak about: the model's, else the settings version's, else 1 month.
 */
export async function findTrendRuns(
  engine: Engine,
  range: { from: string | null; to: string | null },
  limit: number,
): Promise<TrendRun[]> {
  const rows = await queryRows<RunRow & { horizon: number }>(
    engine,
    `select * from (
       select distinct on (r.as_of) r.id, to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.as_of as day,
              coalesce(m.horizon_months, (v.document -> 'model' ->> 'horizonMonths')::int, 1)::int as horizon
         from scoring_runs r
         left join churn_models m on m.id = r.model_id
         left join scoring_settings_versions v on v.version = r.settings_version
        where r.status = 'succeeded' and ${HAS_SCORES}
          and ($1::date is null or r.as_of >= $1::date)
          and ($2::date is null or r.as_of <= $2::date)
        order by r.as_of desc, r.id desc
        limit $3::int
     ) runs order by day`,
    [range.from, range.to, limit],
  );
  return rows.map((row) => ({ ...toRun(row), horizonMonths: Number(row.horizon) }));
}

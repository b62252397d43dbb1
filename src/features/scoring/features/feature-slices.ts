import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, sqlStringList } from '#src/usage/duckdb';
import { assertMonthEnd, type ComputeFeaturesOptions, readPopulation, seconds } from './feature-query';
import { featureQuerySql, usageStatsSelect } from './feature-query.sql';
import { writeRelationalFacts } from './relational-facts';
import type { PopulationStats } from './subscriber-features';

/** One Parquet file of a run's features: `rows` rows in groups of FEATURE_ROW_GROUP. */
export type FeatureFile = { path: string; rows: number };

export type MaterializedFeatures = {
  population: PopulationStats;
  subscribers: number;
  /** One file per slice of subscribers, in subscriber order of the slices. */
  files: FeatureFile[];
  /** Relational export ∥ usage aggregates; the feature query written to the files; population. */
  seconds: { relational: number; features: number; population: number };
};

/** Rows per Parquet row group of a feature file: the workers' jobs read one group each. */
export const FEATURE_ROW_GROUP = 100_000;

/**
 * Subscribers per slice of the feature query. Its joins build hash tables over every subscriber
 * they see (six months of bills, the usage aggregates, the relational facts): measured at 10M, a
 * slice of 1M took ~1.2 GB of DuckDB memory and one of 2M ran out of the default 2 GB limit, as did
 * the whole operator in one statement. At 500k a slice needs ~0.6 GB however large the operator,
 * which leaves room for an import running beside it; scanning the files once per slice cost ~2%.
 */
export const FEATURE_SLICE_SUBSCRIBERS = 500_000;

/**
 * Computes every scored subscriber's features as computeFeatures does, into Parquet files in
 * workDir, in a bounded amount of memory:
 *  1. PostgreSQL exports the relational facts to a file while DuckDB aggregates the daily usage to
 *     two more (the two longest steps, side by side: neither needs the other);
 *  2. the feature query runs once per slice of FEATURE_SLICE_SUBSCRIBERS subscribers (by id), each
 *     slice straight to its own file: no table is materialised and no row sorted (a run scores each
 *     row on its own);
 *  3. PopulationStats are read back from the files.
 */
export async function materializeFeatures(
  options: Omit<ComputeFeaturesOptions, 'onBatch' | 'batchSize'>,
  sliceSubscribers = FEATURE_SLICE_SUBSCRIBERS,
): Promise<MaterializedFeatures> {
  const { asOf, workDir } = options;
  assertMonthEnd(asOf);
  const factsPath = join(workDir, 'relational-facts.parquet');
  const usagePaths = {
    usageStats: join(workDir, 'usage-stats.parquet'),
    lastActivity: join(workDir, 'last-activity.parquet'),
  };
  return options.usage.withConnection(async (connection) => {
    const began = performance.now();
    const usageAggregates = options.usage.withConnection(async (other) => {
      const selects = usageStatsSelect(asOf);
      await other.run(`COPY (${selects.usageStats}) TO ${sqlString(usagePaths.usageStats)} (FORMAT parquet)`);
      await other.run(
        `COPY (${selects.lastActivity}) TO ${sqlString(usagePaths.lastActivity)} (FORMAT parquet)`,
      );
    });
    // Both settle before going on, whichever fails first.
    const settled = await Promise.allSettled([
      writeRelationalFacts(
        {
          engine: options.engine,
          connection,
          asOf,
          timeZone: options.timeZone ?? 'Asia/Shanghai',
          workDir,
        },
        factsPath,
      ),
      usageAggregates,
    ]);
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
    const [factsOutcome] = settled;
    const factRows = factsOutcome.status === 'fulfilled' ? factsOutcome.value : 0;
    const relationalDone = performance.now();

    const facts = `read_parquet(${sqlString(factsPath)})`;
    const precomputed = {
      usageStats: `read_parquet(${sqlString(usagePaths.usageStats)})`,
      lastActivity: `read_parquet(${sqlString(usagePaths.lastActivity)})`,
    };
    const ranges = await sliceRanges(connection, facts, factRows, sliceSubscribers);
    const files: FeatureFile[] = [];
    for (const [index, range] of ranges.entries()) {
      const path = join(workDir, `features-${index}.parquet`);
      await connection.run(
        `COPY (${featureQuerySql(asOf, precomputed, { ordered: false, facts, range })}) TO ${sqlString(path)}
           (FORMAT parquet, ROW_GROUP_SIZE ${FEATURE_ROW_GROUP}, COMPRESSION uncompressed)`,
      );
      files.push({ path, rows: await parquetRows(connection, path) });
    }
    const featuresDone = performance.now();
    const population = await readPopulation(
      connection,
      `read_parquet(${sqlStringList(files.map((file) => file.path))})`,
      options.percentiles,
    );
    return {
      population,
      subscribers: population.subscribers,
      files,
      seconds: {
        relational: seconds(relationalDone - began),
        features: seconds(featuresDone - relationalDone),
        population: seconds(performance.now() - featuresDone),
      },
    };
  });
}

type SubscriberRange = { from: number; to: number };

/**
 * Splits the subscribers of `facts` into ranges of ids holding about `size` each, at the
 * population's quantiles; one unbounded slice (no filter at all) when they fit in one.
 */
export async function sliceRanges(
  connection: DuckDBConnection,
  facts: string,
  rows: number,
  size: number,
): Promise<(SubscriberRange | undefined)[]> {
  const slices = Math.ceil(rows / Math.max(1, size));
  if (slices <= 1) return [undefined];
  const fractions = Array.from({ length: slices - 1 }, (_, i) => (i + 1) / slices);
  const reader = await connection.runAndReadAll(
    `SELECT min(subscriber_id)::BIGINT AS lo, (max(subscriber_id) + 1)::BIGINT AS hi,
            quantile_disc(subscriber_id, [${fractions.join(', ')}])::BIGINT[] AS cuts
       FROM ${facts}`,
  );
  const [row] = reader.getRowObjectsJS();
  const lo = Number(row?.lo);
  const hi = Number(row?.hi);
  const cuts = Array.isArray(row?.cuts) ? row.cuts.map(Number) : [];
  const bounds = [...new Set([lo, ...cuts, hi])].sort((a, b) => a - b);
  return bounds.slice(1).map((to, i) => ({ from: bounds[i] ?? lo, to }));
}

async function parquetRows(connection: DuckDBConnection, path: string): Promise<number> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT AS n FROM read_parquet(${sqlString(path)})`,
  );
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { Engine } from '#src/db/client';
import { isCalendarDate, monthEnd, monthOf } from '#src/lib/months';
import type { UsageStore } from '#src/usage/usage-store';
import { featureQuerySql, populationStatsSql } from './feature-query.sql';
import { doubleSelectList, readFeatureRows } from './feature-rows';
import { loadRelationalFacts, RELATIONAL_FACTS_TABLE } from './relational-facts';
import type { PopulationPercentiles, PopulationStats, SubscriberFeatures } from './subscriber-features';

/** The DuckDB temp table the feature query is materialised into (once, then read in order). */
export const FEATURES_TABLE = 'subscriber_features';

export const DEFAULT_BATCH_SIZE = 5000;

export type ComputeFeaturesOptions = {
  engine: Engine;
  usage: UsageStore;
  /** The last day of the as-of month, YYYY-MM-DD. */
  asOf: string;
  /** A directory for intermediate files (the relational export); the caller removes it. */
  workDir: string;
  /** Business zone for complaint and contact times; default Asia/Shanghai. */
  timeZone?: string;
  /** Where the population cut-offs lie (the scoring settings' percentiles). */
  percentiles: PopulationPercentiles;
  batchSize?: number;
  /**
   * Receives the features in subscriber_id order, `batchSize` rows at a time, awaited one after
   * another. `population` is complete from the first batch on (it is computed before streaming).
   */
  onBatch: (rows: SubscriberFeatures[], population: PopulationStats) => Promise<void>;
};

export type ComputeFeaturesResult = {
  population: PopulationStats;
  subscribers: number;
  /** Wall time of each stage: database export and load, DuckDB feature table, streaming to onBatch. */
  seconds: { relational: number; features: number; stream: number };
};

/**
 * Computes every scored subscriber's features as of asOf, set-based: the relational facts are
 * exported once into DuckDB, one statement materialises the feature table over the Parquet store,
 * PopulationStats come from a quick aggregate over it, and the rows are then streamed chunk by
 * chunk, so memory does not grow with the number of subscribers on the JavaScript side.
 */
export async function computeFeatures(options: ComputeFeaturesOptions): Promise<ComputeFeaturesResult> {
  const { asOf, workDir } = options;
  assertMonthEnd(asOf);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  return options.usage.withConnection(async (connection) => {
    const began = performance.now();
    await loadRelationalFacts({
      engine: options.engine,
      connection,
      asOf,
      timeZone: options.timeZone ?? 'Asia/Shanghai',
      workDir,
    });
    const relationalDone = performance.now();

    await connection.run(`CREATE OR REPLACE TEMP TABLE ${FEATURES_TABLE} AS ${featureQuerySql(asOf)}`);
    await connection.run(`DROP TABLE ${RELATIONAL_FACTS_TABLE}`);
    const population = await readPopulation(connection, FEATURES_TABLE, options.percentiles);
    const featuresDone = performance.now();

    const subscribers = await streamFeatures(connection, asOf, batchSize, (rows) =>
      options.onBatch(rows, population),
    );
    await connection.run(`DROP TABLE IF EXISTS ${FEATURES_TABLE}`);
    const streamDone = performance.now();
    return {
      population,
      subscribers,
      seconds: {
        relational: seconds(relationalDone - began),
        features: seconds(featuresDone - relationalDone),
        stream: seconds(streamDone - featuresDone),
      },
    };
  });
}

export function assertMonthEnd(asOf: string): void {
  if (!isCalendarDate(asOf) || monthEnd(monthOf(asOf)) !== asOf) {
    throw new Error(`features are computed as of the last day of a month, got '${asOf}'`);
  }
}

export async function readPopulation(
  connection: DuckDBConnection,
  relation: string,
  percentiles: PopulationPercentiles,
): Promise<PopulationStats> {
  const reader = await connection.runAndReadAll(populationStatsSql(relation, percentiles));
  const [row] = reader.getRowObjectsJS();
  // Percentiles are NULL over an empty set (no bills, no usage): 0 then, as no rule can fire on them.
  const value = (name: string) => {
    const v = row?.[name];
    return typeof v === 'number' ? v : 0;
  };
  return {
    subscribers: value('subscribers'),
    generalValueArpuFen: value('general_value_arpu'),
    highValueArpuFen: value('high_value_arpu'),
    influentialContacts30: value('influential_contacts_30'),
  };
}

async function streamFeatures(
  connection: DuckDBConnection,
  asOf: string,
  batchSize: number,
  onBatch: (rows: SubscriberFeatures[]) => Promise<void>,
): Promise<number> {
  // No ORDER BY: the table was written in subscriber_id order and DuckDB scans a table in insertion
  // order (preserve_insertion_order, set in createDuckDb); sorting ~1 KB rows again cost seconds at
  // 1M subscribers. The order is checked as rows pass, so a changed setting fails loudly.
  const select = await doubleSelectList(connection, FEATURES_TABLE);
  const result = await connection.stream(`SELECT ${select} FROM ${FEATURES_TABLE}`);
  return readFeatureRows(result, asOf, batchSize, onBatch);
}

export function seconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}

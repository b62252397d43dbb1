import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBResult,
  DuckDBTypeId,
} from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import type { Engine } from '#src/db/client';
import { addMonths, isCalendarDate, monthEnd, monthOf } from '#src/lib/months';
import type { UsageStore } from '#src/usage/usage-store';
import {
  featureQuerySql,
  populationStatsSql,
  SERIES_MONTHS,
  type SeriesMeasure,
  seriesColumn,
  USAGE_WINDOW_DAYS,
  usageStatsSelect,
} from './feature-query.sql';
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
    const population = await readPopulation(connection, options.percentiles);
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

function assertMonthEnd(asOf: string): void {
  if (!isCalendarDate(asOf) || monthEnd(monthOf(asOf)) !== asOf) {
    throw new Error(`features are computed as of the last day of a month, got '${asOf}'`);
  }
}

async function readPopulation(
  connection: DuckDBConnection,
  percentiles: PopulationPercentiles,
): Promise<PopulationStats> {
  const reader = await connection.runAndReadAll(populationStatsSql(FEATURES_TABLE, percentiles));
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
  const select = await doubleSelectList(connection);
  const result = await connection.stream(`SELECT ${select} FROM ${FEATURES_TABLE}`);
  return readFeatureRows(result, asOf, batchSize, onBatch);
}

/** The feature table's columns with every number as DOUBLE, so one fast typed-array path reads them
 * all (counts and fen are far below 2^53). */
async function doubleSelectList(connection: DuckDBConnection): Promise<string> {
  const described = await connection.runAndReadAll(`DESCRIBE ${FEATURES_TABLE}`);
  const columns = described.getRowObjectsJson().map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }));
  return columns
    .map(({ name, type }) => (NUMERIC_TYPES.has(type) ? `CAST(${name} AS DOUBLE) AS ${name}` : name))
    .join(', ');
}

async function readFeatureRows(
  result: DuckDBResult,
  asOf: string,
  batchSize: number,
  onBatch: (rows: SubscriberFeatures[]) => Promise<void>,
): Promise<number> {
  const names = result.columnNames();
  const months = seriesMonths(asOf);
  let batch: SubscriberFeatures[] = [];
  let count = 0;
  let lastId = Number.NEGATIVE_INFINITY;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunkToFeatures(new ChunkColumns(chunk, names), asOf, months)) {
      if (row.subscriberId <= lastId) throw new Error('feature rows came out of subscriber_id order');
      lastId = row.subscriberId;
      batch.push(row);
      if (batch.length >= batchSize) {
        count += batch.length;
        await onBatch(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) {
    count += batch.length;
    await onBatch(batch);
  }
  return count;
}

/** One slice of the feature table as a Parquet file, for a worker thread to read on its own. */
export type FeaturePart = { path: string; rows: number };

export type MaterializedFeatures = {
  population: PopulationStats;
  subscribers: number;
  parts: FeaturePart[];
  seconds: { relational: number; features: number; export: number };
};

/**
 * Computes the feature table as computeFeatures does, then writes it as `parts` contiguous slices
 * (in subscriber_id order) to Parquet files in workDir, so several threads can turn rows into
 * scores at once, each with its own DuckDB reader. The same rows as computeFeatures streams.
 */
export async function materializeFeatureParts(
  options: Omit<ComputeFeaturesOptions, 'onBatch' | 'batchSize'> & { parts: number },
): Promise<MaterializedFeatures> {
  const { asOf, workDir } = options;
  assertMonthEnd(asOf);
  // Plain (not TEMP) tables, so the second connection's work is visible to the first.
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
  const usageTables = { usageStats: `usage_stats_${suffix}`, lastActivity: `last_activity_${suffix}` };
  return options.usage.withConnection(async (connection) => {
    const began = performance.now();
    try {
      // PostgreSQL exports the relational facts while DuckDB aggregates the daily usage, which needs
      // nothing from them: the two longest steps of the feature pass run side by side.
      const usageAggregates = options.usage.withConnection(async (other) => {
        const selects = usageStatsSelect(asOf);
        await other.run(`CREATE TABLE ${usageTables.usageStats} AS ${selects.usageStats}`);
        await other.run(`CREATE TABLE ${usageTables.lastActivity} AS ${selects.lastActivity}`);
      });
      // Both settle before going on (or cleaning up), whichever fails first.
      const settled = await Promise.allSettled([
        loadRelationalFacts({
          engine: options.engine,
          connection,
          asOf,
          timeZone: options.timeZone ?? 'Asia/Shanghai',
          workDir,
        }),
        usageAggregates,
      ]);
      for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
      const relationalDone = performance.now();
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE ${FEATURES_TABLE} AS ${featureQuerySql(asOf, usageTables)}`,
      );
      await connection.run(`DROP TABLE ${RELATIONAL_FACTS_TABLE}`);
      const population = await readPopulation(connection, options.percentiles);
      const featuresDone = performance.now();
      return await exportParts(connection, population, options.parts, workDir, {
        relational: seconds(relationalDone - began),
        features: seconds(featuresDone - relationalDone),
        startedExport: featuresDone,
      });
    } finally {
      await connection.run(`DROP TABLE IF EXISTS ${usageTables.usageStats}`);
      await connection.run(`DROP TABLE IF EXISTS ${usageTables.lastActivity}`);
    }
  });
}

async function exportParts(
  connection: DuckDBConnection,
  population: PopulationStats,
  requestedParts: number,
  workDir: string,
  timing: { relational: number; features: number; startedExport: number },
): Promise<MaterializedFeatures> {
  const select = await doubleSelectList(connection);
  const total = population.subscribers;
  const partCount = Math.max(1, Math.min(requestedParts, total));
  const parts: FeaturePart[] = [];
  for (let k = 0; k < partCount; k += 1) {
    const from = Math.floor((k * total) / partCount);
    const to = Math.floor(((k + 1) * total) / partCount);
    const path = join(workDir, `features-${k}.parquet`);
    // rowid is the insertion position: contiguous, ordered slices without a sort.
    await connection.run(
      `COPY (SELECT ${select} FROM ${FEATURES_TABLE} WHERE rowid >= ${from} AND rowid < ${to})
           TO '${path.replaceAll("'", "''")}' (FORMAT parquet, ROW_GROUP_SIZE 20000, COMPRESSION uncompressed)`,
    );
    parts.push({ path, rows: to - from });
  }
  await connection.run(`DROP TABLE IF EXISTS ${FEATURES_TABLE}`);
  const exportDone = performance.now();
  return {
    population,
    subscribers: total,
    parts,
    seconds: {
      relational: timing.relational,
      features: timing.features,
      export: seconds(exportDone - timing.startedExport),
    },
  };
}

/** Streams one Parquet slice written by materializeFeatureParts, in batches, with its own DuckDB. */
export async function streamFeaturePart(
  part: FeaturePart,
  asOf: string,
  batchSize: number,
  onBatch: (rows: SubscriberFeatures[]) => Promise<void>,
): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: '512MB',
    preserve_insertion_order: 'true',
  });
  const connection = await instance.connect();
  try {
    const result = await connection.stream(
      `SELECT * FROM read_parquet('${part.path.replaceAll("'", "''")}')`,
    );
    return await readFeatureRows(result, asOf, batchSize, onBatch);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const NUMERIC_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE']);

function seriesMonths(asOf: string): string[] {
  const first = addMonths(monthOf(asOf), -(SERIES_MONTHS - 1));
  return Array.from({ length: SERIES_MONTHS }, (_, index) => addMonths(first, index));
}

function chunkToFeatures(c: ChunkColumns, asOf: string, months: string[]): SubscriberFeatures[] {
  const asOfMonth = monthOf(asOf);
  const id = c.numbers('subscriber_id');
  const brand = c.texts('brand');
  const planId = c.numbers('plan_id');
  const planCode = c.texts('plan_code');
  const planFee = c.numbers('plan_monthly_fee_fen');
  const planMinutes = c.numbers('plan_included_minutes');
  const planDataMb = c.numbers('plan_included_data_mb');
  const city = c.texts('city');
  const district = c.texts('district');
  const vipLevel = c.texts('vip_level');
  const isGroup = c.booleans('is_group_customer');
  const status = c.texts('status');
  const daysInStatus = c.numbers('days_in_status');
  const joinDate = c.dates('join_date');
  const tenure = c.numbers('tenure_months');
  const birthDate = c.dates('birth_date');
  const handset = c.texts('handset_model');
  const sceneTags = c.texts('scene_tags');
  const contractDaysLeft = c.numbers('contract_days_left');
  const contractEnd = c.dates('contract_end');
  const series = (measure: SeriesMeasure) =>
    Array.from({ length: SERIES_MONTHS }, (_, index) => c.numbers(seriesColumn(measure, index)));
  const spend = series('spend');
  const voice = series('voice');
  const data = series('data');
  const sms = series('sms');
  const valueAdded = series('value_added');
  const overage = series('overage');
  const minutes = series('minutes');
  const dataMb = series('data_mb');
  const smsCount = series('sms_count');
  const billed = c.numbers('billed_months');
  const arpu1 = c.numbers('arpu_1');
  const arpu3 = c.numbers('arpu_3');
  const arpu6 = c.numbers('arpu_6');
  const trend = c.numbers('arpu_trend');
  const voiceShare = c.numbers('voice_share');
  const dataShare = c.numbers('data_share');
  const valueAddedShare = c.numbers('value_added_share');
  const spendChange = c.numbers('spend_change');
  const minutesChange = c.numbers('minutes_change');
  const dataChange = c.numbers('data_change');
  const usageDays = c.numbers('usage_days_30');
  const windowDays = c.numbers('window_days_30');
  const callMask = c.numbers('call_day_mask_30');
  const activeDays = c.numbers('active_days_30');
  const sinceActive = c.numbers('days_since_last_activity');
  const callsOut = c.numbers('calls_out_30');
  const callsIn = c.numbers('calls_in_30');
  const minutes30 = c.numbers('minutes_30');
  const dataMb30 = c.numbers('data_mb_30');
  const nightShare = c.numbers('night_data_share_30');
  const contacts = c.numbers('distinct_contacts_30');
  const hotline = c.numbers('competitor_hotline_calls_30');
  const marketing = c.numbers('competitor_marketing_contacts_30');
  const lastHotline = c.dates('last_hotline_date');
  const lastMarketing = c.dates('last_marketing_date');
  const complaints = c.numbers('complaints_90');
  const openComplaints = c.numbers('open_complaints');
  const overdue = c.numbers('overdue_complaints');
  const oldestOverdue = c.dates('oldest_overdue_due_date');
  const contacts90 = c.numbers('service_contacts_90');
  const consultations = c.numbers('consultations_180');
  const lastBusiness = c.dates('last_business_contact_date');
  const lastResolved = c.dates('last_complaint_resolved_date');

  const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
  const rows: SubscriberFeatures[] = [];
  for (let i = 0; i < c.rowCount; i += 1) {
    const days = windowDays[i] ?? 0;
    // The mask covers the full window; a later join date shortens the subscriber's own.
    const mask = (callMask[i] ?? 0) >>> (USAGE_WINDOW_DAYS - days);
    const run = longestZeroCallRun(mask, days);
    const runFrom = run ? asOfDay - days + 1 + run.first : 0;
    const tags = sceneTags[i];
    rows.push({
      subscriberId: must(id[i]),
      asOf,
      asOfMonth,
      brand: must(brand[i]),
      planId: must(planId[i]),
      planCode: must(planCode[i]),
      planMonthlyFeeFen: must(planFee[i]),
      planIncludedMinutes: must(planMinutes[i]),
      planIncludedDataMb: must(planDataMb[i]),
      city: must(city[i]),
      district: district[i] ?? null,
      vipLevel: must(vipLevel[i]),
      isGroupCustomer: isGroup[i] === true,
      status: must(status[i]),
      daysInStatus: must(daysInStatus[i]),
      joinDate: must(joinDate[i]),
      tenureMonths: must(tenure[i]),
      birthDate: birthDate[i] ?? null,
      handsetModel: handset[i] ?? null,
      sceneTags: tags ? tags.split(';') : [],
      contractDaysLeft: contractDaysLeft[i] ?? null,
      contractEnd: contractEnd[i] ?? null,
      months: [...months],
      spendFen: pick(spend, i),
      voiceFen: pick(voice, i),
      dataFen: pick(data, i),
      smsFen: pick(sms, i),
      valueAddedFen: pick(valueAdded, i),
      overageFen: pick(overage, i),
      minutes: pick(minutes, i),
      dataMb: pick(dataMb, i),
      smsCount: pick(smsCount, i),
      billedMonths: must(billed[i]),
      arpu1Fen: arpu1[i] ?? null,
      arpu3Fen: arpu3[i] ?? null,
      arpu6Fen: arpu6[i] ?? null,
      arpuTrendFenPerMonth: trend[i] ?? null,
      voiceShare: voiceShare[i] ?? null,
      dataShare: dataShare[i] ?? null,
      valueAddedShare: valueAddedShare[i] ?? null,
      spendChange: spendChange[i] ?? null,
      minutesChange: minutesChange[i] ?? null,
      dataChange: dataChange[i] ?? null,
      usageDays30: must(usageDays[i]),
      zeroCallDays30: days - callDays(mask),
      longestZeroCallStreak30: run?.length ?? 0,
      activeDays30: must(activeDays[i]),
      daysSinceLastActivity: sinceActive[i] ?? null,
      callsOut30: must(callsOut[i]),
      callsIn30: must(callsIn[i]),
      minutes30: must(minutes30[i]),
      dataMb30: must(dataMb30[i]),
      nightDataShare30: nightShare[i] ?? null,
      distinctContacts30: must(contacts[i]),
      competitorHotlineCalls30: must(hotline[i]),
      competitorMarketingContacts30: must(marketing[i]),
      lastCompetitorHotlineDate: lastHotline[i] ?? null,
      lastCompetitorMarketingDate: lastMarketing[i] ?? null,
      longestZeroCallStreakFrom: run ? dayText(runFrom) : null,
      longestZeroCallStreakTo: run ? dayText(runFrom + run.length - 1) : null,
      complaints90: must(complaints[i]),
      openComplaints: must(openComplaints[i]),
      overdueComplaints: must(overdue[i]),
      oldestOverdueDueDate: oldestOverdue[i] ?? null,
      serviceContacts90: must(contacts90[i]),
      consultations180: must(consultations[i]),
      lastBusinessContactDate: lastBusiness[i] ?? null,
      lastComplaintResolvedDate: lastResolved[i] ?? null,
    });
  }
  return rows;
}

/**
 * The longest run of zero-call days in a usage window of `days` days (0: no usage data); bit k of
 * `mask` marks a call on the window's day k, so days without a usage row are zero-call days.
 * Ties go to the later run, the fresher evidence. Null when every day had a call.
 */
export function longestZeroCallRun(mask: number, days: number): { first: number; length: number } | null {
  let best: { first: number; length: number } | null = null;
  let first = -1;
  for (let day = 0; day <= days; day += 1) {
    const called = day === days || ((mask >>> day) & 1) === 1;
    if (!called && first < 0) first = day;
    if (called && first >= 0) {
      const length = day - first;
      if (!best || length >= best.length) best = { first, length };
      first = -1;
    }
  }
  return best;
}

function callDays(mask: number): number {
  let count = 0;
  for (let bits = mask; bits !== 0; bits >>>= 1) count += bits & 1;
  return count;
}

/** Row `i` of a monthly series held as one column per month. */
function pick(series: (number | null)[][], i: number): (number | null)[] {
  const out: (number | null)[] = new Array(series.length);
  for (let month = 0; month < series.length; month += 1) out[month] = series[month]?.[i] ?? null;
  return out;
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('the feature query returned NULL for a required feature');
  return value;
}

/**
 * One chunk's columns as plain arrays. DOUBLE and DATE are read straight from the vector memory:
 * the value-by-value accessors of @duckdb/node-api cost ~10x more (a BigInt validity test per
 * value), which at 1M subscribers × ~110 columns was most of the run.
 */
class ChunkColumns {
  readonly rowCount: number;
  private readonly index = new Map<string, number>();

  constructor(
    private readonly chunk: DuckDBDataChunk,
    names: readonly string[],
  ) {
    this.rowCount = chunk.rowCount;
    names.forEach((name, position) => {
      this.index.set(name, position);
    });
  }

  numbers(name: string): (number | null)[] {
    const vector = this.vector(name, DuckDBTypeId.DOUBLE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 8);
    const values = new Float64Array(...alignedView(bytes, 8), this.rowCount);
    const valid = this.validity(vector);
    const out: (number | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) out[i] = valid(i) ? (values[i] ?? null) : null;
    return out;
  }

  /** DATE as YYYY-MM-DD (the vector holds days since 1970-01-01). */
  dates(name: string): (string | null)[] {
    const vector = this.vector(name, DuckDBTypeId.DATE);
    const bytes = bindings.vector_get_data(vector, this.rowCount * 4);
    const days = new Int32Array(...alignedView(bytes, 4), this.rowCount);
    const valid = this.validity(vector);
    const out: (string | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const day = days[i];
      out[i] = valid(i) && day !== undefined ? dayText(day) : null;
    }
    return out;
  }

  texts(name: string): (string | null)[] {
    const vector = this.chunk.getColumnVector(this.position(name));
    const out: (string | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const value = vector.getItem(i);
      out[i] = typeof value === 'string' ? value : null;
    }
    return out;
  }

  booleans(name: string): (boolean | null)[] {
    const vector = this.chunk.getColumnVector(this.position(name));
    const out: (boolean | null)[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i += 1) {
      const value = vector.getItem(i);
      out[i] = typeof value === 'boolean' ? value : null;
    }
    return out;
  }

  private position(name: string): number {
    const position = this.index.get(name);
    if (position === undefined) throw new Error(`the feature table has no column ${name}`);
    return position;
  }

  private vector(name: string, typeId: DuckDBTypeId): bindings.Vector {
    const position = this.position(name);
    const actual = this.chunk.getColumnVector(position).type.typeId;
    if (actual !== typeId) throw new Error(`feature column ${name} has type ${actual}, expected ${typeId}`);
    return bindings.data_chunk_get_vector(this.chunk.chunk, position);
  }

  private validity(vector: bindings.Vector): (row: number) => boolean {
    // Null when every row is valid; otherwise one bit per row, least significant first.
    const mask: Uint8Array | null = bindings.vector_get_validity(vector, Math.ceil(this.rowCount / 64) * 8);
    if (!mask) return () => true;
    return (row) => (((mask[row >> 3] ?? 0) >> (row & 7)) & 1) === 1;
  }
}

/** Buffer and offset of the bytes, copied when not aligned for `size`-byte items. */
function alignedView(bytes: Uint8Array, size: number): [ArrayBufferLike, number] {
  return bytes.byteOffset % size === 0 ? [bytes.buffer, bytes.byteOffset] : [bytes.slice().buffer, 0];
}

const dayTexts = new Map<number, string>();

function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

function seconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}

import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import { addMonths, monthOf } from '#src/lib/months';
import {
  ChunkColumns,
  type DateColumn,
  dateAt,
  dayText,
  type NumberColumn,
  numberAt,
  TextCache,
} from '#src/usage/chunk-columns';
import { SERIES_MONTHS, type SeriesMeasure, seriesColumn, USAGE_WINDOW_DAYS } from './feature-query.sql';
import type { SubscriberFeatures } from './subscriber-features';

/*
 * Turning rows of the feature table into SubscriberFeatures objects, chunk by chunk, in
 * subscriber_id order: what both the single-reader stream and the worker slices use.
 */

/** The feature table's columns with every number as DOUBLE, so one fast typed-array path reads them
 * all (counts and fen are far below 2^53). */
export async function doubleSelectList(connection: DuckDBConnection, table: string): Promise<string> {
  const described = await connection.runAndReadAll(`DESCRIBE ${table}`);
  const columns = described.getRowObjectsJson().map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }));
  return columns
    .map(({ name, type }) => (NUMERIC_TYPES.has(type) ? `CAST(${name} AS DOUBLE) AS ${name}` : name))
    .join(', ');
}

export async function readFeatureRows(
  result: DuckDBResult,
  asOf: string,
  batchSize: number,
  onBatch: (rows: SubscriberFeatures[]) => Promise<void>,
): Promise<number> {
  let batch: SubscriberFeatures[] = [];
  let count = 0;
  let lastId = Number.NEGATIVE_INFINITY;
  await forEachFeatureChunk(result, asOf, async (chunk) => {
    for (let i = 0; i < chunk.rowCount; i += 1) {
      const row = chunk.row(i);
      if (row.subscriberId <= lastId) throw new Error('feature rows came out of subscriber_id order');
      lastId = row.subscriberId;
      batch.push(row);
      if (batch.length >= batchSize) {
        count += batch.length;
        await onBatch(batch);
        batch = [];
      }
    }
  });
  if (batch.length > 0) {
    count += batch.length;
    await onBatch(batch);
  }
  return count;
}

/**
 * Hands each chunk of a feature-table result to `onChunk` as a FeatureChunk, awaited one after
 * another. The chunk's memory is valid only until onChunk settles. Returns the number of rows.
 */
export async function forEachFeatureChunk(
  result: DuckDBResult,
  asOf: string,
  onChunk: (chunk: FeatureChunk) => Promise<void> | void,
): Promise<number> {
  const names = result.columnNames();
  const months = seriesMonths(asOf);
  const texts = new Map<string, TextCache>();
  let count = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    count += chunk.rowCount;
    await onChunk(new FeatureChunk(new ChunkColumns(chunk, names), asOf, months, texts));
  }
  return count;
}

const NUMERIC_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'FLOAT', 'DOUBLE']);

function seriesMonths(asOf: string): string[] {
  const first = addMonths(monthOf(asOf), -(SERIES_MONTHS - 1));
  return Array.from({ length: SERIES_MONTHS }, (_, index) => addMonths(first, index));
}

/**
 * One chunk of the feature table, read straight from DuckDB's vectors, one SubscriberFeatures at a
 * time: nothing per column is copied into boxed arrays first, so a row's objects are the only
 * garbage it leaves (a run builds millions).
 */
export class FeatureChunk {
  readonly rowCount: number;
  private readonly asOfMonth: string;
  private readonly asOfDay: number;
  private readonly id: NumberColumn;
  private readonly brand: (string | null)[];
  private readonly planId: NumberColumn;
  private readonly planCode: (string | null)[];
  private readonly planFee: NumberColumn;
  private readonly planMinutes: NumberColumn;
  private readonly planDataMb: NumberColumn;
  private readonly city: (string | null)[];
  private readonly district: (string | null)[];
  private readonly vipLevel: (string | null)[];
  private readonly isGroup: (boolean | null)[];
  private readonly status: (string | null)[];
  private readonly daysInStatus: NumberColumn;
  private readonly joinDate: DateColumn;
  private readonly tenure: NumberColumn;
  private readonly birthDate: DateColumn;
  private readonly handset: (string | null)[];
  private readonly sceneTags: (string | null)[];
  private readonly contractDaysLeft: NumberColumn;
  private readonly contractEnd: DateColumn;
  private readonly spend: NumberColumn[];
  private readonly voice: NumberColumn[];
  private readonly data: NumberColumn[];
  private readonly sms: NumberColumn[];
  private readonly valueAdded: NumberColumn[];
  private readonly overage: NumberColumn[];
  private readonly minutes: NumberColumn[];
  private readonly dataMb: NumberColumn[];
  private readonly smsCount: NumberColumn[];
  private readonly billed: NumberColumn;
  private readonly arpu1: NumberColumn;
  private readonly arpu3: NumberColumn;
  private readonly arpu6: NumberColumn;
  private readonly trend: NumberColumn;
  private readonly voiceShare: NumberColumn;
  private readonly dataShare: NumberColumn;
  private readonly valueAddedShare: NumberColumn;
  private readonly spendChange: NumberColumn;
  private readonly minutesChange: NumberColumn;
  private readonly dataChange: NumberColumn;
  private readonly usageDays: NumberColumn;
  private readonly windowDays: NumberColumn;
  private readonly callMask: NumberColumn;
  private readonly activeDays: NumberColumn;
  private readonly sinceActive: NumberColumn;
  private readonly callsOut: NumberColumn;
  private readonly callsIn: NumberColumn;
  private readonly minutes30: NumberColumn;
  private readonly dataMb30: NumberColumn;
  private readonly nightShare: NumberColumn;
  private readonly contacts: NumberColumn;
  private readonly hotline: NumberColumn;
  private readonly marketing: NumberColumn;
  private readonly lastHotline: DateColumn;
  private readonly lastMarketing: DateColumn;
  private readonly complaints: NumberColumn;
  private readonly openComplaints: NumberColumn;
  private readonly overdue: NumberColumn;
  private readonly oldestOverdue: DateColumn;
  private readonly contacts90: NumberColumn;
  private readonly consultations: NumberColumn;
  private readonly lastBusiness: DateColumn;
  private readonly lastResolved: DateColumn;
  private readonly revisitLow: NumberColumn;
  private readonly lastRevisitScore: NumberColumn;

  constructor(
    c: ChunkColumns,
    private readonly asOf: string,
    /** The series months, shared by every row (the rules only read them). */
    private readonly months: string[],
    /** Decoded texts by column, kept across the chunks of one result. */
    textCaches: Map<string, TextCache> = new Map(),
  ) {
    this.rowCount = c.rowCount;
    const text = (name: string) => {
      let cache = textCaches.get(name);
      if (!cache) {
        cache = new TextCache();
        textCaches.set(name, cache);
      }
      return c.texts(name, cache);
    };
    this.asOfMonth = monthOf(asOf);
    this.asOfDay = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
    const series = (measure: SeriesMeasure) =>
      Array.from({ length: SERIES_MONTHS }, (_, index) => c.numberColumn(seriesColumn(measure, index)));
    this.id = c.numberColumn('subscriber_id');
    this.brand = text('brand');
    this.planId = c.numberColumn('plan_id');
    this.planCode = text('plan_code');
    this.planFee = c.numberColumn('plan_monthly_fee_fen');
    this.planMinutes = c.numberColumn('plan_included_minutes');
    this.planDataMb = c.numberColumn('plan_included_data_mb');
    this.city = text('city');
    this.district = text('district');
    this.vipLevel = text('vip_level');
    this.isGroup = c.booleans('is_group_customer');
    this.status = text('status');
    this.daysInStatus = c.numberColumn('days_in_status');
    this.joinDate = c.dateColumn('join_date');
    this.tenure = c.numberColumn('tenure_months');
    this.birthDate = c.dateColumn('birth_date');
    this.handset = text('handset_model');
    this.sceneTags = text('scene_tags');
    this.contractDaysLeft = c.numberColumn('contract_days_left');
    this.contractEnd = c.dateColumn('contract_end');
    this.spend = series('spend');
    this.voice = series('voice');
    this.data = series('data');
    this.sms = series('sms');
    this.valueAdded = series('value_added');
    this.overage = series('overage');
    this.minutes = series('minutes');
    this.dataMb = series('data_mb');
    this.smsCount = series('sms_count');
    this.billed = c.numberColumn('billed_months');
    this.arpu1 = c.numberColumn('arpu_1');
    this.arpu3 = c.numberColumn('arpu_3');
    this.arpu6 = c.numberColumn('arpu_6');
    this.trend = c.numberColumn('arpu_trend');
    this.voiceShare = c.numberColumn('voice_share');
    this.dataShare = c.numberColumn('data_share');
    this.valueAddedShare = c.numberColumn('value_added_share');
    this.spendChange = c.numberColumn('spend_change');
    this.minutesChange = c.numberColumn('minutes_change');
    this.dataChange = c.numberColumn('data_change');
    this.usageDays = c.numberColumn('usage_days_30');
    this.windowDays = c.numberColumn('window_days_30');
    this.callMask = c.numberColumn('call_day_mask_30');
    this.activeDays = c.numberColumn('active_days_30');
    this.sinceActive = c.numberColumn('days_since_last_activity');
    this.callsOut = c.numberColumn('calls_out_30');
    this.callsIn = c.numberColumn('calls_in_30');
    this.minutes30 = c.numberColumn('minutes_30');
    this.dataMb30 = c.numberColumn('data_mb_30');
    this.nightShare = c.numberColumn('night_data_share_30');
    this.contacts = c.numberColumn('distinct_contacts_30');
    this.hotline = c.numberColumn('competitor_hotline_calls_30');
    this.marketing = c.numberColumn('competitor_marketing_contacts_30');
    this.lastHotline = c.dateColumn('last_hotline_date');
    this.lastMarketing = c.dateColumn('last_marketing_date');
    this.complaints = c.numberColumn('complaints_90');
    this.openComplaints = c.numberColumn('open_complaints');
    this.overdue = c.numberColumn('overdue_complaints');
    this.oldestOverdue = c.dateColumn('oldest_overdue_due_date');
    this.contacts90 = c.numberColumn('service_contacts_90');
    this.consultations = c.numberColumn('consultations_180');
    this.lastBusiness = c.dateColumn('last_business_contact_date');
    this.lastResolved = c.dateColumn('last_complaint_resolved_date');
    this.revisitLow = c.numberColumn('revisit_low_90');
    this.lastRevisitScore = c.numberColumn('last_revisit_score');
  }

  row(i: number): SubscriberFeatures {
    const days = numberAt(this.windowDays, i) ?? 0;
    // The mask covers the full window; a later join date shortens the subscriber's own.
    const mask = (numberAt(this.callMask, i) ?? 0) >>> (USAGE_WINDOW_DAYS - days);
    const run = longestZeroCallRun(mask, days);
    const runFrom = run ? this.asOfDay - days + 1 + run.first : 0;
    const tags = this.sceneTags[i];
    return {
      subscriberId: must(numberAt(this.id, i)),
      asOf: this.asOf,
      asOfMonth: this.asOfMonth,
      brand: must(this.brand[i]),
      planId: must(numberAt(this.planId, i)),
      planCode: must(this.planCode[i]),
      planMonthlyFeeFen: must(numberAt(this.planFee, i)),
      planIncludedMinutes: must(numberAt(this.planMinutes, i)),
      planIncludedDataMb: must(numberAt(this.planDataMb, i)),
      city: must(this.city[i]),
      district: this.district[i] ?? null,
      vipLevel: must(this.vipLevel[i]),
      isGroupCustomer: this.isGroup[i] === true,
      status: must(this.status[i]),
      daysInStatus: must(numberAt(this.daysInStatus, i)),
      joinDate: must(dateAt(this.joinDate, i)),
      tenureMonths: must(numberAt(this.tenure, i)),
      birthDate: dateAt(this.birthDate, i),
      handsetModel: this.handset[i] ?? null,
      sceneTags: tags ? tags.split(';') : [],
      contractDaysLeft: numberAt(this.contractDaysLeft, i),
      contractEnd: dateAt(this.contractEnd, i),
      months: this.months,
      spendFen: pick(this.spend, i),
      voiceFen: pick(this.voice, i),
      dataFen: pick(this.data, i),
      smsFen: pick(this.sms, i),
      valueAddedFen: pick(this.valueAdded, i),
      overageFen: pick(this.overage, i),
      minutes: pick(this.minutes, i),
      dataMb: pick(this.dataMb, i),
      smsCount: pick(this.smsCount, i),
      billedMonths: must(numberAt(this.billed, i)),
      arpu1Fen: numberAt(this.arpu1, i),
      arpu3Fen: numberAt(this.arpu3, i),
      arpu6Fen: numberAt(this.arpu6, i),
      arpuTrendFenPerMonth: numberAt(this.trend, i),
      voiceShare: numberAt(this.voiceShare, i),
      dataShare: numberAt(this.dataShare, i),
      valueAddedShare: numberAt(this.valueAddedShare, i),
      spendChange: numberAt(this.spendChange, i),
      minutesChange: numberAt(this.minutesChange, i),
      dataChange: numberAt(this.dataChange, i),
      usageDays30: must(numberAt(this.usageDays, i)),
      zeroCallDays30: days - callDays(mask),
      longestZeroCallStreak30: run?.length ?? 0,
      activeDays30: must(numberAt(this.activeDays, i)),
      daysSinceLastActivity: numberAt(this.sinceActive, i),
      callsOut30: must(numberAt(this.callsOut, i)),
      callsIn30: must(numberAt(this.callsIn, i)),
      minutes30: must(numberAt(this.minutes30, i)),
      dataMb30: must(numberAt(this.dataMb30, i)),
      nightDataShare30: numberAt(this.nightShare, i),
      distinctContacts30: must(numberAt(this.contacts, i)),
      competitorHotlineCalls30: must(numberAt(this.hotline, i)),
      competitorMarketingContacts30: must(numberAt(this.marketing, i)),
      lastCompetitorHotlineDate: dateAt(this.lastHotline, i),
      lastCompetitorMarketingDate: dateAt(this.lastMarketing, i),
      longestZeroCallStreakFrom: run ? dayText(runFrom) : null,
      longestZeroCallStreakTo: run ? dayText(runFrom + run.length - 1) : null,
      complaints90: must(numberAt(this.complaints, i)),
      openComplaints: must(numberAt(this.openComplaints, i)),
      overdueComplaints: must(numberAt(this.overdue, i)),
      oldestOverdueDueDate: dateAt(this.oldestOverdue, i),
      serviceContacts90: must(numberAt(this.contacts90, i)),
      consultations180: must(numberAt(this.consultations, i)),
      lastBusinessContactDate: dateAt(this.lastBusiness, i),
      lastComplaintResolvedDate: dateAt(this.lastResolved, i),
      revisitLow90: must(numberAt(this.revisitLow, i)),
      lastRevisitScore: numberAt(this.lastRevisitScore, i),
    };
  }
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

/**
 * Row `i` of a monthly series held as one column per month. SERIES_MONTHS (6), written out: an array
 * literal is packed from the start, where filling `new Array(n)` made a holey one, slower to build
 * and to read (nine series a row, millions of rows).
 */
function pick(series: NumberColumn[], i: number): (number | null)[] {
  if (series.length !== 6) return series.map((column) => numberAt(column, i));
  const [m0, m1, m2, m3, m4, m5] = series as [
    NumberColumn,
    NumberColumn,
    NumberColumn,
    NumberColumn,
    NumberColumn,
    NumberColumn,
  ];
  return [
    numberAt(m0, i),
    numberAt(m1, i),
    numberAt(m2, i),
    numberAt(m3, i),
    numberAt(m4, i),
    numberAt(m5, i),
  ];
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined)
    throw new Error('the feature query returned NULL for a required feature');
  return value;
}

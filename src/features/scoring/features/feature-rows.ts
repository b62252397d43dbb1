import type { DuckDBConnection, DuckDBResult } from '@duckdb/node-api';
import { addMonths, monthOf } from '#src/lib/months';
import { ChunkColumns, dayText } from '#src/usage/chunk-columns';
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
  const revisitLow = c.numbers('revisit_low_90');
  const lastRevisitScore = c.numbers('last_revisit_score');

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
      revisitLow90: must(revisitLow[i]),
      lastRevisitScore: lastRevisitScore[i] ?? null,
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

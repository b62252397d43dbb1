import type { SQL } from 'drizzle-orm';
import type { DbHandle } from '#src/db/client';
import { SERIES_MONTHS } from '#src/features/scoring/features/feature-query.sql';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { notFound } from '#src/lib/app-error';
import { addMonths, monthOf } from '#src/lib/months';
import {
  changeAgainstOwnHistory,
  monthOverMonth,
  otherShare,
  peerPosition,
  type Quartiles,
  revenueByMonth,
} from './consumption';
import {
  aggregateSegments,
  findConsumptionRow,
  type QuartileTriple,
  type SegmentAggregateRow,
  type SegmentFilter,
} from './consumption.repository';
import type {
  ConsumptionNote,
  SegmentConsumption,
  SegmentConsumptionRow,
  SubscriberConsumption,
} from './consumption.schemas';
import { peerAggregatesFor } from './peer-cache';

/** The stored night share covers the last 30 days of daily usage, 00:00–06:00 (see ScoreSeries). */
const NIGHT_WINDOW_DAYS = 30;
const NIGHT_HOURS = '00:00-06:00';

/** The six months a stored series covers: those ending with the run's as-of month. */
export function seriesMonths(asOf: string): string[] {
  const last = monthOf(asOf);
  return Array.from({ length: SERIES_MONTHS }, (_, i) => addMonths(last, i - (SERIES_MONTHS - 1)));
}

/**
 * One subscriber's consumption in the current run, from the stored series and cached peer
 * quartiles — no usage scan. The caller has checked the subscriber is in the reader's scope.
 */
export async function getSubscriberConsumption(
  handle: DbHandle,
  subscriberId: number,
): Promise<SubscriberConsumption> {
  const run = await findCurrentRun(handle.db);
  const row = run ? await findConsumptionRow(handle.engine, run.id, subscriberId) : undefined;
  if (!run || !row) throw notFound(`A consumption profile for subscriber ${subscriberId}`);
  const { series } = row;
  const months = seriesMonths(run.asOf);
  const peers = await peerAggregatesFor(handle.engine, run.id, row.tier, row.city);
  const last = (values: readonly (number | null)[]) => values[SERIES_MONTHS - 1] ?? null;
  const peerMeasure = (value: number | null, triple: QuartileTriple) => {
    const q = quartilesOf(triple);
    return { value, ...q, position: peerPosition(value, q) };
  };
  const night = series.nightDataShare ?? null;
  const notes: ConsumptionNote[] = [series.mix ? 'MIX_IS_3_MONTH_SHARE' : 'NO_REVENUE_MIX'];
  notes.push(night === null ? 'NO_NIGHT_SHARE' : 'NIGHT_SHARE_ONLY');
  return {
    subscriberId,
    runId: run.id,
    asOf: run.asOf,
    tier: row.tier,
    city: row.city,
    lifecycleStage: row.lifecycleStage,
    months,
    revenue: revenueByMonth(months, series.spendFen, series.mix),
    mix: series.mix ? { ...series.mix, other: otherShare(series.mix) } : null,
    vsHistory: {
      spendFen: changeAgainstOwnHistory(series.spendFen),
      minutes: changeAgainstOwnHistory(series.minutes),
      dataMb: changeAgainstOwnHistory(series.dataMb),
    },
    vsPeers: {
      tier: row.tier,
      city: row.city,
      peers: peers.peers,
      month: months[SERIES_MONTHS - 1] ?? monthOf(run.asOf),
      spendFen: peerMeasure(last(series.spendFen), peers.spendFen),
      minutes: peerMeasure(last(series.minutes), peers.minutes),
      dataMb: peerMeasure(last(series.dataMb), peers.dataMb),
    },
    timeOfDay: {
      source: 'series_night_share',
      windowDays: NIGHT_WINDOW_DAYS,
      nightHours: NIGHT_HOURS,
      nightDataShare: night,
      dayDataShare: night === null ? null : 1 - night,
      peerMedianNightDataShare: peers.nightDataShare[1],
    },
    notes,
  };
}

function quartilesOf([p25, median, p75]: QuartileTriple): Quartiles {
  return { p25, median, p75 };
}

/**
 * Consumption per tier × city in the current run, narrowed by the filter and by `scope` (a lead's
 * team books; undefined for everyone). One set-based statement; no run yet gives an empty answer.
 */
export async function getSegmentConsumption(
  handle: DbHandle,
  filter: SegmentFilter,
  scope: SQL | undefined,
): Promise<SegmentConsumption> {
  const echo = {
    tier: filter.tier ?? null,
    city: filter.city ?? null,
    lifecycleStage: filter.lifecycleStage ?? null,
  };
  const run = await findCurrentRun(handle.db);
  if (!run) return { runId: null, asOf: null, months: [], filter: echo, segments: [], overall: null };
  const rows = await aggregateSegments(handle.engine, run.id, filter, scope);
  const total = rows.find((r) => r.total);
  return {
    runId: run.id,
    asOf: run.asOf,
    months: seriesMonths(run.asOf),
    filter: echo,
    segments: rows.filter((r) => !r.total).map(toSegmentRow),
    overall: total && total.subscribers > 0 ? toSegmentRow(total) : null,
  };
}

function toSegmentRow(row: SegmentAggregateRow): SegmentConsumptionRow {
  const otherFen = Math.max(0, row.mixedSpendFen - row.voiceFen - row.dataFen - row.valueAddedFen);
  const share = (part: number) => (row.mixedSpendFen > 0 ? part / row.mixedSpendFen : null);
  return {
    tier: row.total ? null : row.tier,
    city: row.total ? null : row.city,
    subscribers: row.subscribers,
    arpuMeanFen: roundOrNull(row.arpuMeanFen),
    arpuMedianFen: roundOrNull(row.arpuMedianFen),
    revenue: {
      voiceFen: Math.round(row.voiceFen),
      dataFen: Math.round(row.dataFen),
      valueAddedFen: Math.round(row.valueAddedFen),
      otherFen: Math.round(otherFen),
      voiceShare: share(row.voiceFen),
      dataShare: share(row.dataFen),
      valueAddedShare: share(row.valueAddedFen),
    },
    minutesMedian: row.minutesMedian,
    dataMbMedian: row.dataMbMedian,
    spendFenByMonth: row.spendFenByMonth.map(Math.round),
    spendChangePct: monthOverMonth(row.spendFenByMonth),
  };
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

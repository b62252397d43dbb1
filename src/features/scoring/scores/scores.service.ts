import type { SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { SERIES_MONTHS } from '#src/features/scoring/features/feature-query.sql';
import { renderReasonValue } from '#src/features/scoring/model-input/model-features';
import type { FiredSignal } from '#src/features/scoring/rules/churn-signals';
import {
  renderKeyMoment,
  renderSignalEvidence,
  signalTitle,
} from '#src/features/scoring/rules/evidence-text';
import type { KeyMoment } from '#src/features/scoring/rules/key-moments';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import type { ModelReason, ScoreSeries } from '#src/features/scoring/runs/score-record';
import { notFound } from '#src/lib/app-error';
import { addMonths, monthOf } from '#src/lib/months';
import { maskMsisdn } from '#src/lib/msisdn';
import { findScore, findScoreHistory, findScorePage, type ScoreRow } from './scores.repository';
import type { ListScoresQuery, Locale, ScoreDetail, ScoreSummary } from './scores.schemas';

/** The current run's scores; `scope` narrows them to the reader's subscribers. */
export async function listScores(db: Database, query: ListScoresQuery, scope?: SQL) {
  const run = await findCurrentRun(db);
  if (!run)
    return { runId: null, asOf: null, items: [], page: query.page, pageSize: query.pageSize, total: 0 };
  const { rows, total } = await findScorePage(db, run.id, query, scope);
  return {
    runId: run.id,
    asOf: run.asOf,
    items: rows.map((row) => toSummary(row, query.lang)),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

/** The subscriber's score in the current run, rendered in the reader's language. */
export async function getScore(db: Database, subscriberId: number, locale: Locale): Promise<ScoreDetail> {
  const run = await findCurrentRun(db);
  const row = run ? await findScore(db, run.id, subscriberId) : undefined;
  if (!run || !row) throw notFound(`A score for subscriber ${subscriberId}`);
  const series = jsonOf<ScoreSeries>(row.series);
  return {
    ...toSummary(row, locale),
    runId: run.id,
    asOf: run.asOf,
    modelId: row.modelId,
    series: {
      months: seriesMonths(run.asOf),
      spendFen: series.spendFen,
      minutes: series.minutes,
      dataMb: series.dataMb,
      // Runs stored before the night share was kept have no such key.
      nightDataShare: series.nightDataShare ?? null,
    },
    revenueMix: series.mix ? { ...series.mix, other: otherShare(series.mix) } : null,
  };
}

/** Voice, data and value-added shares leave SMS and the rest; rounding must not make it negative. */
function otherShare(mix: NonNullable<ScoreSeries['mix']>): number {
  return Math.max(0, 1 - mix.voice - mix.data - mix.valueAdded);
}

/** The six months a stored series covers: those ending with the run's as-of month. */
function seriesMonths(asOf: string): string[] {
  const last = monthOf(asOf);
  return Array.from({ length: SERIES_MONTHS }, (_, i) => addMonths(last, i - (SERIES_MONTHS - 1)));
}

export async function getScoreHistory(db: Database, subscriberId: number) {
  return { items: await findScoreHistory(db, subscriberId) };
}

function toSummary(row: ScoreRow, locale: Locale): ScoreSummary {
  const signals = jsonOf<FiredSignal[]>(row.signals);
  const reasons = jsonOf<ModelReason[]>(row.reasons);
  const moments = jsonOf<KeyMoment[]>(row.keyMoments);
  return {
    subscriberId: row.subscriberId,
    msisdnMasked: maskMsisdn(row.msisdn),
    name: row.name,
    city: row.city,
    probability: row.probability,
    riskBand: row.riskBand,
    tier: row.tier,
    tierReason: row.tierReason,
    lifecycleStage: row.lifecycleStage,
    vipKind: row.vipKind,
    contributionClass: row.contributionClass,
    inTargetPool: row.inTargetPool,
    segments: row.segments,
    arpu3Fen: row.arpu3Fen,
    revenueAtRiskFen: row.revenueAtRiskFen,
    signals: signals.map((signal) => ({
      code: signal.code,
      title: signalTitle(signal.code, locale),
      evidence: renderSignalEvidence(signal, locale),
      params: signal.params,
    })),
    reasons: reasons.map((reason) => ({ ...reason, text: renderReasonValue(reason, locale) })),
    keyMoments: moments.map((moment) => ({
      code: moment.code,
      dueDate: moment.dueDate,
      text: renderKeyMoment(moment, locale),
    })),
  };
}

/**
 * jsonb columns come back typed `unknown`; these were written by the scoring run from the same
 * types, so reading them back is a cast at the one place it is known to hold.
 */
function jsonOf<T>(value: unknown): T {
  return value as T;
}

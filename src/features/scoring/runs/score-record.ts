import { copyTextField } from '#src/db/copy';
import type { FiredSignal } from '#src/features/scoring/rules/churn-signals';
import type { KeyMoment } from '#src/features/scoring/rules/key-moments';

/**
 * The short monthly series a screen draws without touching the usage store: the six months ending
 * with the run's as-of month (the months themselves follow from the run, so they are not stored).
 */
export type ScoreSeries = {
  spendFen: (number | null)[];
  minutes: (number | null)[];
  dataMb: (number | null)[];
  /** Revenue shares over the last 3 billed months (voice, data, value-added); null: no spend. */
  mix: RevenueShares | null;
  /**
   * Share of the last 30 days' data used 00:00–06:00 (0..1; null: no data use). The plan optimiser's
   * night-pack advice reads it. Optional because runs written before it was stored lack it: read
   * a missing value as null.
   */
  nightDataShare?: number | null;
};

export type RevenueShares = { voice: number; data: number; valueAdded: number };

/** One model reason: the input column, its signed contribution (log-odds) and the subscriber's value. */
export type ModelReason = { feature: string; contribution: number; value: number | string | null };

/** Everything a run decides about one subscriber: one row of subscriber_scores. */
export type ScoreRecord = {
  subscriberId: number;
  probability: number;
  riskBand: string;
  tier: string;
  tierReason: string;
  lifecycleStage: string;
  vipKind: string;
  contributionClass: string;
  inTargetPool: boolean;
  segments: string[];
  signals: FiredSignal[];
  reasons: ModelReason[];
  keyMoments: KeyMoment[];
  arpu3Fen: number | null;
  revenueAtRiskFen: number;
  series: ScoreSeries;
  city: string;
};

export const SCORE_COLUMNS = [
  'subscriber_id',
  'run_id',
  'model_id',
  'probability',
  'risk_band',
  'tier',
  'tier_reason',
  'lifecycle_stage',
  'vip_kind',
  'contribution_class',
  'in_target_pool',
  'segments',
  'signal_codes',
  'signals',
  'reasons',
  'key_moments',
  'arpu3_fen',
  'revenue_at_risk_fen',
  'series',
  'city',
] as const;

/**
 * One COPY line (text format, tab-separated, newline-terminated) in SCORE_COLUMNS order. Written
 * for every scored subscriber, so the common shapes (no signals, three reasons, the series) are
 * encoded directly rather than through generic JSON.stringify of fresh objects.
 */
export function scoreCopyLine(runId: number, modelId: number | null, record: ScoreRecord): string {
  const fields = [
    record.subscriberId,
    runId,
    modelId === null ? '\\N' : modelId,
    roundProbability(record.probability),
    copyTextField(record.riskBand),
    copyTextField(record.tier),
    copyTextField(record.tierReason),
    copyTextField(record.lifecycleStage),
    copyTextField(record.vipKind),
    copyTextField(record.contributionClass),
    record.inTargetPool,
    copyTextField(pgTextArray(record.segments)),
    copyTextField(pgTextArray(record.signals.map((s) => s.code))),
    copyTextField(jsonList(record.signals)),
    copyTextField(reasonsJson(record.reasons)),
    copyTextField(jsonList(record.keyMoments)),
    record.arpu3Fen === null ? '\\N' : Math.round(record.arpu3Fen),
    Math.round(record.revenueAtRiskFen),
    seriesJson(record.series),
    copyTextField(record.city),
  ];
  return `${fields.join('\t')}\n`;
}

function jsonList(items: readonly unknown[]): string {
  return items.length === 0 ? '[]' : JSON.stringify(items);
}

function reasonsJson(reasons: readonly ModelReason[]): string {
  const parts = reasons.map(
    (r) =>
      `{"feature":${JSON.stringify(r.feature)},"contribution":${jsonNumber(r.contribution)},"value":${
        typeof r.value === 'number' ? jsonNumber(r.value) : JSON.stringify(r.value)
      }}`,
  );
  return `[${parts.join(',')}]`;
}

function seriesJson(series: ScoreSeries): string {
  const list = (values: readonly (number | null)[]) =>
    values.map((v) => (v === null ? 'null' : jsonNumber(v))).join(',');
  const mix = series.mix
    ? `{"voice":${jsonNumber(series.mix.voice)},"data":${jsonNumber(series.mix.data)},"valueAdded":${jsonNumber(series.mix.valueAdded)}}`
    : 'null';
  const night = series.nightDataShare == null ? 'null' : jsonNumber(series.nightDataShare);
  return `{"spendFen":[${list(series.spendFen)}],"minutes":[${list(series.minutes)}],"dataMb":[${list(series.dataMb)}],"mix":${mix},"nightDataShare":${night}}`;
}

/** A finite number as JSON writes it; anything else as null (JSON has no NaN). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** Six significant digits: what a `real` column keeps anyway, and the same text on every run. */
export function roundProbability(p: number): number {
  return Number(p.toPrecision(6));
}

/** A PostgreSQL text[] literal; codes are plain identifiers, but quote anyway so any text is safe. */
function pgTextArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

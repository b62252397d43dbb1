import { csvField } from '#src/db/copy';
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
};

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

/** One COPY line (CSV, newline-terminated) in SCORE_COLUMNS order. */
export function scoreCsvLine(runId: number, modelId: number | null, record: ScoreRecord): string {
  const fields = [
    csvField(record.subscriberId),
    csvField(runId),
    csvField(modelId),
    csvField(roundProbability(record.probability)),
    csvField(record.riskBand),
    csvField(record.tier),
    csvField(record.tierReason),
    csvField(record.lifecycleStage),
    csvField(record.vipKind),
    csvField(record.contributionClass),
    csvField(record.inTargetPool),
    csvField(pgTextArray(record.segments)),
    csvField(pgTextArray(record.signals.map((s) => s.code))),
    csvField(JSON.stringify(record.signals)),
    csvField(JSON.stringify(record.reasons)),
    csvField(JSON.stringify(record.keyMoments)),
    csvField(record.arpu3Fen === null ? null : Math.round(record.arpu3Fen)),
    csvField(Math.round(record.revenueAtRiskFen)),
    csvField(JSON.stringify(record.series)),
    csvField(record.city),
  ];
  return `${fields.join(',')}\n`;
}

/** Six significant digits: what a `real` column keeps anyway, and the same text on every run. */
export function roundProbability(p: number): number {
  return Number(p.toPrecision(6));
}

/** A PostgreSQL text[] literal; codes are plain identifiers, but quote anyway so any text is safe. */
function pgTextArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

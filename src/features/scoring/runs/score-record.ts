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
 * for every scored subscriber (millions a run), so it is one template with the common shapes (no
 * signals, three reasons, the series) encoded directly rather than through JSON.stringify of
 * fresh objects; score-record.test.ts holds it to the plain field-by-field encoding.
 */
export function scoreCopyLine(runId: number, modelId: number | null, record: ScoreRecord): string {
  return `${record.subscriberId}\t${runId}\t${modelId === null ? '\\N' : modelId}\t${roundProbability(record.probability)}\t${textField(record.riskBand)}\t${textField(record.tier)}\t${textField(record.tierReason)}\t${textField(record.lifecycleStage)}\t${textField(record.vipKind)}\t${textField(record.contributionClass)}\t${record.inTargetPool}\t${copyTextField(pgTextArray(record.segments))}\t${copyTextField(signalCodesArray(record.signals))}\t${record.signals.length === 0 ? '[]' : copyTextField(JSON.stringify(record.signals))}\t${copyTextField(reasonsJson(record.reasons))}\t${record.keyMoments.length === 0 ? '[]' : copyTextField(JSON.stringify(record.keyMoments))}\t${record.arpu3Fen === null ? '\\N' : Math.round(record.arpu3Fen)}\t${Math.round(record.revenueAtRiskFen)}\t${seriesJson(record.series)}\t${textField(record.city)}\n`;
}

const textFields = new Map<string, string>();

/** copyTextField of a short text (codes, city names), remembered: a run writes the same few dozen
 * millions of times. */
function textField(value: string): string {
  let field = textFields.get(value);
  if (field === undefined) {
    field = copyTextField(value);
    if (value.length <= 32 && textFields.size < 10_000) textFields.set(value, field);
  }
  return field;
}

const quotedNames = new Map<string, string>();

/** JSON.stringify of a reason's feature name, remembered: a model has a few dozen. */
function quotedName(name: string): string {
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    quoted = JSON.stringify(name);
    if (quotedNames.size < 10_000) quotedNames.set(name, quoted);
  }
  return quoted;
}

function reasonsJson(reasons: readonly ModelReason[]): string {
  let out = '[';
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i];
    if (!r) continue;
    if (i > 0) out += ',';
    out += `{"feature":${quotedName(r.feature)},"contribution":${jsonNumber(r.contribution)},"value":${
      typeof r.value === 'number' ? jsonNumber(r.value) : JSON.stringify(r.value)
    }}`;
  }
  return `${out}]`;
}

function seriesList(values: readonly (number | null)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    out += v === null || v === undefined ? 'null' : jsonNumber(v);
  }
  return out;
}

function seriesJson(series: ScoreSeries): string {
  const mix = series.mix
    ? `{"voice":${jsonNumber(series.mix.voice)},"data":${jsonNumber(series.mix.data)},"valueAdded":${jsonNumber(series.mix.valueAdded)}}`
    : 'null';
  const night = series.nightDataShare == null ? 'null' : jsonNumber(series.nightDataShare);
  return `{"spendFen":[${seriesList(series.spendFen)}],"minutes":[${seriesList(series.minutes)}],"dataMb":[${seriesList(series.dataMb)}],"mix":${mix},"nightDataShare":${night}}`;
}

/** A finite number as JSON writes it; anything else as null (JSON has no NaN). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? numberText(value) : 'null';
}

const SMALL_INTEGERS = Array.from({ length: 1 << 16 }, (_, i) => String(i));

/**
 * String(value), faster for the numbers a score line is mostly made of: small integers, data
 * volumes with one decimal, contributions rounded to four. A double equal to d / 10^k for an integer
 * d has exactly one shortest decimal form that reads back as it, d's digits with the point k from
 * the right (trailing zeros dropped), and that is what String writes; anything else goes to String.
 * score-record.test.ts compares the two over many numbers.
 */
export function numberText(value: number): string {
  if (Number.isInteger(value)) {
    return value >= 0 && value < SMALL_INTEGERS.length
      ? (SMALL_INTEGERS[value] ?? String(value))
      : String(value);
  }
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e9) return String(value);
  const tenths = Math.round(value * 10);
  if (tenths / 10 === value) return decimalText(tenths, 1);
  const tenThousandths = Math.round(value * 10_000);
  if (tenThousandths / 10_000 === value) return decimalText(tenThousandths, 4);
  return String(value);
}

const POWERS = [1, 10, 100, 1000, 10_000];

/** The decimal text of scaled / 10^places, trailing zeros of the fraction dropped. */
function decimalText(scaled: number, places: number): string {
  const power = POWERS[places] ?? 1;
  const digits = Math.abs(scaled);
  const whole = Math.trunc(digits / power);
  let fraction = digits - whole * power;
  let width = places;
  while (fraction % 10 === 0 && width > 0) {
    fraction /= 10;
    width -= 1;
  }
  const text = String(fraction).padStart(width, '0');
  return `${scaled < 0 ? '-' : ''}${whole}.${text}`;
}

/** Six significant digits: what a `real` column keeps anyway, and the same text on every run. */
export function roundProbability(p: number): number {
  return Number(p.toPrecision(6));
}

/** A PostgreSQL text[] literal; codes are plain identifiers, but quote anyway so any text is safe. */
function pgTextArray(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    if (i > 0) out += ',';
    out += `"${ARRAY_SPECIALS.test(item) ? item.replaceAll('\\', '\\\\').replaceAll('"', '\\"') : item}"`;
  }
  return `${out}}`;
}

const ARRAY_SPECIALS = /[\\"]/;

function signalCodesArray(signals: readonly FiredSignal[]): string {
  if (signals.length === 0) return '{}';
  return pgTextArray(signals.map((s) => s.code));
}

import { copyTextField } from '#src/db/copy';
import type { FiredSignal } from '#src/features/scoring/rules/churn-signals';
import type { KeyMoment } from '#src/features/scoring/rules/key-moments';
import { ByteWriter } from './byte-writer';

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
 * One COPY line (text format, tab-separated, newline-terminated) in SCORE_COLUMNS order, as UTF-8
 * appended to `out`. Written for every scored subscriber (millions a run), so the common shapes (no
 * signals, three reasons, the series) are encoded field by field into bytes rather than through
 * JSON.stringify of fresh objects and one long string; score-record.test.ts holds it to the plain
 * field-by-field encoding.
 */
export function writeScoreCopyLine(
  out: ByteWriter,
  runId: number,
  modelId: number | null,
  record: ScoreRecord,
): void {
  out.number(record.subscriberId);
  out.byte(TAB);
  out.number(runId);
  out.byte(TAB);
  if (modelId === null) out.raw(NULL_FIELD);
  else out.number(modelId);
  out.byte(TAB);
  writeProbability(out, record.probability);
  out.byte(TAB);
  codeField(out, record.riskBand);
  codeField(out, record.tier);
  codeField(out, record.tierReason);
  codeField(out, record.lifecycleStage);
  codeField(out, record.vipKind);
  codeField(out, record.contributionClass);
  out.raw(record.inTargetPool ? TRUE : FALSE);
  out.byte(TAB);
  out.string(copyTextField(pgTextArray(record.segments)));
  out.byte(TAB);
  out.string(copyTextField(signalCodesArray(record.signals)));
  out.byte(TAB);
  jsonListField(out, record.signals);
  writeReasons(out, record.reasons);
  out.byte(TAB);
  jsonListField(out, record.keyMoments);
  if (record.arpu3Fen === null) out.raw(NULL_FIELD);
  else out.number(Math.round(record.arpu3Fen));
  out.byte(TAB);
  out.number(Math.round(record.revenueAtRiskFen));
  out.byte(TAB);
  writeSeries(out, record.series);
  out.byte(TAB);
  out.raw(textField(record.city));
  out.byte(NEWLINE);
}

/** writeScoreCopyLine as a string (tests, and rows written one at a time). */
export function scoreCopyLine(runId: number, modelId: number | null, record: ScoreRecord): string {
  const out = new ByteWriter(1024);
  writeScoreCopyLine(out, runId, modelId, record);
  return out.text();
}

const TAB = 9;
const NEWLINE = 10;
/** A constant part of a line, encoded once. */
const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const NULL_FIELD = bytesOf('\\N');
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');
const EMPTY_LIST = bytesOf('[]');
const NULL_JSON = bytesOf('null');

/** A short text's field and the tab after it. */
function codeField(out: ByteWriter, value: string): void {
  out.raw(textField(value));
  out.byte(TAB);
}

/** A list as JSON (usually empty: no signals, no moments) and the tab after it. */
function jsonListField(out: ByteWriter, items: readonly unknown[]): void {
  if (items.length === 0) out.raw(EMPTY_LIST);
  else out.string(copyTextField(JSON.stringify(items)));
  out.byte(TAB);
}

const textFields = new Map<string, Uint8Array>();

/** The UTF-8 of copyTextField of a short text (codes, city names), remembered: a run writes the
 * same few dozen millions of times. */
function textField(value: string): Uint8Array {
  let field = textFields.get(value);
  if (field === undefined) {
    field = Buffer.from(copyTextField(value), 'utf8');
    if (value.length <= 32 && textFields.size < 10_000) textFields.set(value, field);
  }
  return field;
}

const reasonHeads = new Map<string, Uint8Array>();

/** `{"feature":<name>,"contribution":` for a reason's feature, escaped for COPY, remembered: a
 * model has a few dozen names. */
function reasonHead(name: string): Uint8Array {
  let head = reasonHeads.get(name);
  if (head === undefined) {
    head = Buffer.from(copyTextField(`{"feature":${JSON.stringify(name)},"contribution":`), 'utf8');
    if (reasonHeads.size < 10_000) reasonHeads.set(name, head);
  }
  return head;
}

const VALUE_KEY = bytesOf(',"value":');

function writeReasons(out: ByteWriter, reasons: readonly ModelReason[]): void {
  out.byte(91); // '['
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i];
    if (!r) continue;
    if (i > 0) out.byte(44); // ','
    out.raw(reasonHead(r.feature));
    writeJsonNumber(out, r.contribution);
    out.raw(VALUE_KEY);
    if (typeof r.value === 'number') writeJsonNumber(out, r.value);
    else out.string(copyTextField(JSON.stringify(r.value)));
    out.byte(125); // '}'
  }
  out.byte(93); // ']'
}

function writeList(out: ByteWriter, values: readonly (number | null)[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out.byte(44); // ','
    if (v === null || v === undefined) out.raw(NULL_JSON);
    else writeJsonNumber(out, v);
  }
}

const SERIES_KEYS = {
  spendFen: bytesOf('{"spendFen":['),
  minutes: bytesOf('],"minutes":['),
  dataMb: bytesOf('],"dataMb":['),
  mix: bytesOf('],"mix":'),
  voice: bytesOf('{"voice":'),
  data: bytesOf(',"data":'),
  valueAdded: bytesOf(',"valueAdded":'),
  night: bytesOf(',"nightDataShare":'),
};

/** The series as JSON: numbers only, so nothing in it needs COPY escaping. */
function writeSeries(out: ByteWriter, series: ScoreSeries): void {
  out.raw(SERIES_KEYS.spendFen);
  writeList(out, series.spendFen);
  out.raw(SERIES_KEYS.minutes);
  writeList(out, series.minutes);
  out.raw(SERIES_KEYS.dataMb);
  writeList(out, series.dataMb);
  out.raw(SERIES_KEYS.mix);
  if (series.mix) {
    out.raw(SERIES_KEYS.voice);
    writeJsonNumber(out, series.mix.voice);
    out.raw(SERIES_KEYS.data);
    writeJsonNumber(out, series.mix.data);
    out.raw(SERIES_KEYS.valueAdded);
    writeJsonNumber(out, series.mix.valueAdded);
    out.byte(125); // '}'
  } else out.raw(NULL_JSON);
  out.raw(SERIES_KEYS.night);
  if (series.nightDataShare == null) out.raw(NULL_JSON);
  else writeJsonNumber(out, series.nightDataShare);
  out.byte(125); // '}'
}

/** A finite number as JSON writes it; anything else as null (JSON has no NaN). */
function writeJsonNumber(out: ByteWriter, value: number): void {
  if (Number.isFinite(value)) out.number(value);
  else out.raw(NULL_JSON);
}

/**
 * String(roundProbability(p)) without parsing and printing the number again: toPrecision's fixed
 * notation with the fraction's trailing zeros dropped is that same shortest form.
 */
function writeProbability(out: ByteWriter, p: number): void {
  const fixed = p.toPrecision(6);
  if (fixed.includes('e')) {
    out.string(String(Number(fixed)));
    return;
  }
  let end = fixed.length;
  if (fixed.includes('.')) {
    while (fixed.charCodeAt(end - 1) === 48) end--; // '0'
    if (fixed.charCodeAt(end - 1) === 46) end--; // '.'
  }
  out.string(end === fixed.length ? fixed : fixed.slice(0, end));
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

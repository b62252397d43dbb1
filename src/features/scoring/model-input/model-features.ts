import type { SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';
import { fireSignals, SIGNAL_CODES, type SignalCode } from '#src/features/scoring/rules/churn-signals';
import { ageOn } from '#src/features/scoring/rules/dates';
import {
  formatChange,
  formatCount,
  formatMoney,
  formatPercent,
  type Locale,
  signalTitle,
} from '#src/features/scoring/rules/evidence-text';
import { signalColumnName } from '#src/features/scoring/rules/prior-risk';
import {
  DEFAULT_SCORING_SETTINGS,
  type ScoringSettings,
} from '#src/features/scoring/settings/scoring-settings';
import type { Column, FeatureSpec, Table } from '#src/ml/table';

/**
 * The churn model's input columns, derived from SubscriberFeatures alone: no identifiers, and nothing
 * the features did not already limit to on or before asOf. Missing numbers are NaN (the model treats
 * missing as its own branch), never 0.
 */

type Texts = Record<Locale, string>;

/** How a column's value reads in a reason. */
type Unit =
  | 'fen'
  | 'fen_per_month'
  | 'ratio'
  | 'change'
  | 'count'
  | 'days'
  | 'months'
  | 'minutes'
  | 'mb'
  | 'years'
  | 'flag'
  | 'score'
  | 'text';

export type ModelColumn = {
  name: string;
  kind: 'numeric' | 'categorical';
  unit: Unit;
  label: Texts;
  /** Said after the value when its contribution raises / lowers the churn probability. */
  raises: Texts;
  lowers: Texts;
};

const RAISES: Texts = { 'zh-CN': '风险上升', en: 'raises risk' };
const LOWERS: Texts = { 'zh-CN': '风险下降', en: 'lowers risk' };

type Extract = (f: SubscriberFeatures, fired: ReadonlySet<SignalCode>) => number | string | null;

type ColumnDef = Omit<ModelColumn, 'raises' | 'lowers'> & { extract: Extract };

const last = (series: (number | null)[]): number | null => series[series.length - 1] ?? null;

/** Mean of the 3 months before the last; null unless all three have a figure. */
function previousThreeMean(series: (number | null)[]): number | null {
  const window = series.slice(-4, -1);
  if (window.length !== 3) return null;
  let sum = 0;
  for (const v of window) {
    if (v === null) return null;
    sum += v;
  }
  return sum / 3;
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return numerator / denominator;
}

/** Daily-usage figures mean nothing when the window has no usage rows at all: missing, not zero. */
function usage(pick: (f: SubscriberFeatures) => number | null): Extract {
  return (f) => (f.usageDays30 === 0 ? null : pick(f));
}

function numeric(name: string, unit: Unit, zh: string, en: string, extract: Extract): ColumnDef {
  return { name, kind: 'numeric', unit, label: { 'zh-CN': zh, en }, extract };
}

function categorical(name: string, zh: string, en: string, extract: Extract): ColumnDef {
  return { name, kind: 'categorical', unit: 'text', label: { 'zh-CN': zh, en }, extract };
}

const SIGNAL_COLUMNS: ColumnDef[] = SIGNAL_CODES.map((code) =>
  numeric(signalColumnName(code), 'flag', signalTitle(code, 'zh-CN'), signalTitle(code, 'en'), (_f, fired) =>
    fired.has(code) ? 1 : 0,
  ),
);

const COLUMN_DEFS: ColumnDef[] = [
  numeric('arpu1Fen', 'fen', '上月ARPU', 'ARPU last month', (f) => f.arpu1Fen),
  numeric('arpu3Fen', 'fen', '近3个月ARPU', 'ARPU over 3 months', (f) => f.arpu3Fen),
  numeric('arpu6Fen', 'fen', '近6个月ARPU', 'ARPU over 6 months', (f) => f.arpu6Fen),
  numeric(
    'arpuTrendFenPerMonth',
    'fen_per_month',
    '近6个月ARPU',
    'ARPU trend',
    (f) => f.arpuTrendFenPerMonth,
  ),
  numeric('voiceShare', 'ratio', '语音收入占比', 'Voice share of spend', (f) => f.voiceShare),
  numeric('dataShare', 'ratio', '流量收入占比', 'Data share of spend', (f) => f.dataShare),
  numeric(
    'valueAddedShare',
    'ratio',
    '增值业务收入占比',
    'Value-added share of spend',
    (f) => f.valueAddedShare,
  ),
  numeric('spendChange', 'change', '上月消费环比', 'Spend change last month', (f) => f.spendChange),
  numeric(
    'minutesChange',
    'change',
    '上月通话时长环比',
    'Call minutes change last month',
    (f) => f.minutesChange,
  ),
  numeric('dataChange', 'change', '上月流量环比', 'Data use change last month', (f) => f.dataChange),
  numeric('spendVsPrevious3', 'ratio', '上月消费与前3个月均值之比', 'Spend last month vs previous 3', (f) =>
    ratio(last(f.spendFen), previousThreeMean(f.spendFen)),
  ),
  numeric(
    'minutesVsPrevious3',
    'ratio',
    '上月通话与前3个月均值之比',
    'Minutes last month vs previous 3',
    (f) => ratio(last(f.minutes), previousThreeMean(f.minutes)),
  ),
  numeric(
    'zeroCallDays30',
    'days',
    '近30天零通话天数',
    'Days without calls (30 days)',
    usage((f) => f.zeroCallDays30),
  ),
  numeric(
    'longestZeroCallStreak30',
    'days',
    '近30天最长连续零通话',
    'Longest run without calls',
    usage((f) => f.longestZeroCallStreak30),
  ),
  numeric(
    'activeDays30',
    'days',
    '近30天活跃天数',
    'Active days (30 days)',
    usage((f) => f.activeDays30),
  ),
  numeric('daysSinceLastActivity', 'days', '距上次使用', 'Since last use', (f) => f.daysSinceLastActivity),
  numeric(
    'callsOut30',
    'count',
    '近30天主叫次数',
    'Outgoing calls (30 days)',
    usage((f) => f.callsOut30),
  ),
  numeric(
    'minutes30',
    'minutes',
    '近30天通话时长',
    'Call minutes (30 days)',
    usage((f) => f.minutes30),
  ),
  numeric(
    'dataMb30',
    'mb',
    '近30天流量',
    'Data use (30 days)',
    usage((f) => f.dataMb30),
  ),
  numeric('nightDataShare30', 'ratio', '夜间流量占比', 'Night-time data share', (f) => f.nightDataShare30),
  numeric(
    'distinctContacts30',
    'count',
    '近30天交往人数',
    'Contacts (30 days)',
    usage((f) => f.distinctContacts30),
  ),
  numeric(
    'competitorHotlineCalls30',
    'count',
    '近30天拨打竞争对手客服',
    'Competitor hotline calls (30 days)',
    usage((f) => f.competitorHotlineCalls30),
  ),
  numeric(
    'competitorMarketingContacts30',
    'count',
    '近30天竞争对手营销接触',
    'Competitor marketing contacts (30 days)',
    usage((f) => f.competitorMarketingContacts30),
  ),
  numeric('tenureMonths', 'months', '在网时长', 'Tenure', (f) => f.tenureMonths),
  numeric('contractDaysLeft', 'days', '合约剩余', 'Contract left', (f) => f.contractDaysLeft),
  numeric('daysInStatus', 'days', '当前状态持续', 'Days in current status', (f) => f.daysInStatus),
  numeric('arrearsSuspended', 'flag', '欠费停机', 'Suspended for arrears', (f) =>
    f.status === 'arrears_suspended' ? 1 : 0,
  ),
  numeric('complaints90', 'count', '近90天投诉', 'Complaints (90 days)', (f) => f.complaints90),
  numeric('openComplaints', 'count', '未解决投诉', 'Open complaints', (f) => f.openComplaints),
  numeric('overdueComplaints', 'count', '超时投诉', 'Overdue complaints', (f) => f.overdueComplaints),
  numeric(
    'serviceContacts90',
    'count',
    '近90天服务接触',
    'Service contacts (90 days)',
    (f) => f.serviceContacts90,
  ),
  numeric(
    'consultations180',
    'count',
    '近180天资费咨询',
    'Tariff enquiries (180 days)',
    (f) => f.consultations180,
  ),
  numeric('revisitLow90', 'count', '近90天回访不满意', 'Unhappy revisits (90 days)', (f) => f.revisitLow90),
  numeric('lastRevisitScore', 'score', '最近回访评分', 'Last revisit score', (f) => f.lastRevisitScore),
  numeric('overageLastMonthFen', 'fen', '上月超套费用', 'Overage last month', (f) => last(f.overageFen)),
  numeric('dataVsAllowance', 'ratio', '上月流量占套餐比例', 'Data use vs allowance', (f) =>
    ratio(last(f.dataMb), f.planIncludedDataMb),
  ),
  numeric('minutesVsAllowance', 'ratio', '上月通话占套餐比例', 'Minutes vs allowance', (f) =>
    ratio(last(f.minutes), f.planIncludedMinutes),
  ),
  numeric('planMonthlyFeeFen', 'fen', '套餐月费', 'Plan fee', (f) => f.planMonthlyFeeFen),
  numeric('ageYears', 'years', '年龄', 'Age', (f) =>
    f.birthDate === null ? null : ageOn(f.birthDate, f.asOf),
  ),
  ...SIGNAL_COLUMNS,
  categorical('brand', '品牌', 'Brand', (f) => f.brand),
  categorical('vipLevel', 'VIP等级', 'VIP level', (f) => f.vipLevel),
  categorical('city', '城市', 'City', (f) => f.city),
];

export const MODEL_COLUMNS: readonly ModelColumn[] = COLUMN_DEFS.map(({ extract: _extract, ...column }) => ({
  ...column,
  raises: RAISES,
  lowers: LOWERS,
}));

const DEFS_BY_NAME = new Map(COLUMN_DEFS.map((def) => [def.name, def]));

function firedCodes(features: SubscriberFeatures, settings: ScoringSettings): Set<SignalCode> {
  return new Set(fireSignals(features, settings).map((s) => s.code));
}

function toNumber(value: number | string | null): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
}

/** The model's input table for a batch; the signal flags use the given settings' thresholds. */
export function toModelTable(
  rows: SubscriberFeatures[],
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
  /** Each row's fired signals with these settings, when the caller has them already. */
  firedSignals?: readonly (readonly { code: SignalCode }[])[],
): Table {
  const fired = rows.map((f, i) => {
    const known = firedSignals?.[i];
    return known ? new Set(known.map((s) => s.code)) : firedCodes(f, settings);
  });
  const columns = COLUMN_DEFS.map((def): Column => {
    if (def.kind === 'numeric') {
      const values = new Float64Array(rows.length);
      rows.forEach((f, i) => {
        values[i] = toNumber(def.extract(f, fired[i] ?? new Set()));
      });
      return { name: def.name, kind: 'numeric', values };
    }
    const values = rows.map((f, i) => {
      const value = def.extract(f, fired[i] ?? new Set());
      return value === null ? null : String(value);
    });
    return { name: def.name, kind: 'categorical', values };
  });
  return { columns, rows: rows.length };
}

/**
 * A model's inputs for one subscriber at a time, in the model's feature order: what toModelTable
 * puts in a row of the columns the model reads (numbers NaN when missing, categories null), without
 * building a table per batch. Null when the model names a column we do not make, or one of another
 * kind: such a model is scored through toModelTable and alignColumns.
 */
export type ModelInputRow = {
  /** Fills `numeric` (numeric features) and `categorical` (categorical ones) for one subscriber. */
  fill(
    features: SubscriberFeatures,
    fired: ReadonlySet<SignalCode>,
    numeric: Float64Array,
    categorical: (string | null)[],
  ): void;
};

export function modelInputRow(features: readonly FeatureSpec[]): ModelInputRow | null {
  const defs: ColumnDef[] = [];
  for (const feature of features) {
    const def = DEFS_BY_NAME.get(feature.name);
    if (!def || def.kind !== feature.kind) return null;
    defs.push(def);
  }
  return {
    fill(f, fired, numeric, categorical) {
      for (let k = 0; k < defs.length; k++) {
        const def = defs[k];
        if (!def) continue;
        const value = def.extract(f, fired);
        if (def.kind === 'numeric') numeric[k] = toNumber(value);
        else categorical[k] = value === null ? null : String(value);
      }
    },
  };
}

const UNKNOWN: Texts = { 'zh-CN': '未知', en: 'unknown' };

function formatValue(unit: Unit, value: number | string | null, locale: Locale): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return UNKNOWN[locale];
  if (typeof value === 'string') return value;
  const zh = locale === 'zh-CN';
  switch (unit) {
    case 'fen':
      return formatMoney(value, locale);
    case 'fen_per_month': {
      const amount = formatMoney(Math.abs(value), locale);
      if (zh) return value < 0 ? `每月下降${amount}` : value > 0 ? `每月上升${amount}` : '每月持平';
      return `${value < 0 ? '−' : '+'}${amount}/month`;
    }
    case 'ratio':
      return formatPercent(value, locale);
    case 'change':
      return formatChange(value, locale);
    case 'count':
      return formatCount(value, locale);
    case 'days':
      return zh
        ? `${formatCount(value, locale)}天`
        : `${formatCount(value, locale)} ${value === 1 ? 'day' : 'days'}`;
    case 'months':
      return zh ? `${formatCount(value, locale)}个月` : `${formatCount(value, locale)} months`;
    case 'minutes':
      return zh ? `${formatCount(value, locale)}分钟` : `${formatCount(value, locale)} min`;
    case 'mb':
      return zh ? `${formatCount(value, locale)}MB` : `${formatCount(value, locale)} MB`;
    case 'years':
      return zh ? `${formatCount(value, locale)}岁` : formatCount(value, locale);
    case 'flag':
      return value > 0 ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
    case 'score':
      return zh ? `${formatCount(value, locale)}分（满分5分）` : `${formatCount(value, locale)} of 5`;
    case 'text':
      return String(value);
  }
}

/** A reason's column: its own name, or the column before "=" when a model names one-hot levels. */
function findDef(feature: string): ColumnDef | undefined {
  return DEFS_BY_NAME.get(feature) ?? DEFS_BY_NAME.get(feature.split('=')[0] ?? '');
}

/**
 * A model reason from the value kept with it (the stored score has no features): "ARPU trend
 * −¥12.40/month (raises risk)", "近6个月ARPU每月下降12.40元（风险上升）".
 */
export function renderReasonValue(
  reason: { feature: string; contribution: number; value: number | string | null },
  locale: Locale,
): string {
  const def = findDef(reason.feature);
  const column = def ? MODEL_COLUMNS.find((c) => c.name === def.name) : undefined;
  const label = column?.label[locale] ?? reason.feature;
  const value = formatValue(column?.unit ?? 'text', reason.value, locale);
  const zh = locale === 'zh-CN';
  // A trend reads as a predicate ("falls 12.40 a month"), everything else as "label: value".
  const joined =
    column?.unit === 'fen_per_month'
      ? `${label}${zh ? '' : ' '}${value}`
      : `${label}${zh ? '：' : ': '}${value}`;
  if (reason.contribution === 0 || !Number.isFinite(reason.contribution)) return joined;
  const phrase =
    reason.contribution > 0 ? (column?.raises ?? RAISES)[locale] : (column?.lowers ?? LOWERS)[locale];
  return zh ? `${joined}（${phrase}）` : `${joined} (${phrase})`;
}

/**
 * A model reason for a subscriber whose features are at hand. Signal flags are read with the
 * default settings, as the features alone cannot say which settings scored them.
 */
export function renderReason(
  reason: { feature: string; contribution: number },
  features: SubscriberFeatures,
  locale: Locale,
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): string {
  const def = findDef(reason.feature);
  const value = def ? def.extract(features, firedCodes(features, settings)) : null;
  return renderReasonValue({ ...reason, value }, locale);
}

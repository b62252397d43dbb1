import { describe, expect, it } from 'vitest';
import { buildFeatures } from '#src/features/scoring/rules/build-features';
import { DEFAULT_SCORING_SETTINGS } from '#src/features/scoring/settings/scoring-settings';
import type { Column, Table } from '#src/ml/table';
import { MODEL_COLUMNS, renderReason, renderReasonValue, toModelTable } from './model-features';

function column(table: Table, name: string): Column {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

function numbers(table: Table, name: string): number[] {
  const found = column(table, name);
  if (found.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return Array.from(found.values);
}

describe('model columns', () => {
  it('has 30–50 numeric columns and the brand, VIP level and city categoricals', () => {
    const numeric = MODEL_COLUMNS.filter((c) => c.kind === 'numeric');
    expect(numeric.length).toBeGreaterThanOrEqual(30);
    expect(numeric.length).toBeLessThanOrEqual(50);
    expect(MODEL_COLUMNS.filter((c) => c.kind === 'categorical').map((c) => c.name)).toEqual([
      'brand',
      'vipLevel',
      'city',
    ]);
  });

  it('has unique names, both labels, and no identifiers', () => {
    const names = MODEL_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('subscriberId');
    expect(names.some((n) => /id$/i.test(n))).toBe(false);
    for (const c of MODEL_COLUMNS) {
      expect(c.label['zh-CN']).not.toBe('');
      expect(c.label.en).not.toBe('');
    }
  });
});

describe('toModelTable', () => {
  it('has one value per row in every column, in MODEL_COLUMNS order', () => {
    const table = toModelTable([buildFeatures(), buildFeatures({ subscriberId: 2 })]);
    expect(table.rows).toBe(2);
    expect(table.columns.map((c) => c.name)).toEqual(MODEL_COLUMNS.map((c) => c.name));
    for (const c of table.columns) expect(c.values).toHaveLength(2);
  });

  it('gives the same table whatever the subscriber id', () => {
    expect(toModelTable([buildFeatures({ subscriberId: 1 })])).toEqual(
      toModelTable([buildFeatures({ subscriberId: 99 })]),
    );
  });

  it('derives ratios from the series and the plan', () => {
    const f = buildFeatures({
      spendFen: [0, 0, 10_000, 20_000, 30_000, 10_000],
      minutes: [0, 0, 100, 100, 100, 250],
      dataMb: [0, 0, 0, 0, 0, 30_720],
      planIncludedDataMb: 20_480,
      planIncludedMinutes: 500,
      overageFen: [0, 0, 0, 0, 0, 1_234],
    });
    const table = toModelTable([f]);
    expect(numbers(table, 'spendVsPrevious3')).toEqual([0.5]);
    expect(numbers(table, 'minutesVsPrevious3')).toEqual([2.5]);
    expect(numbers(table, 'dataVsAllowance')).toEqual([1.5]);
    expect(numbers(table, 'minutesVsAllowance')).toEqual([0.5]);
    expect(numbers(table, 'overageLastMonthFen')).toEqual([1_234]);
    expect(numbers(table, 'ageYears')).toEqual([40]);
  });

  it('marks missing data as NaN, never 0', () => {
    const f = buildFeatures({
      arpu1Fen: null,
      contractDaysLeft: null,
      birthDate: null,
      spendFen: [null, null, null, null, null, null],
      dataMb: [null, null, null, null, null, null],
      planIncludedMinutes: 0,
      usageDays30: 0,
    });
    const table = toModelTable([f]);
    for (const name of [
      'arpu1Fen',
      'contractDaysLeft',
      'ageYears',
      'spendVsPrevious3',
      'dataVsAllowance',
      'minutesVsAllowance',
      'zeroCallDays30',
      'competitorHotlineCalls30',
    ]) {
      expect(numbers(table, name), name).toEqual([Number.NaN]);
    }
    expect(numbers(table, 'tenureMonths')).toEqual([24]);
  });

  it('flags fired signals with the settings given', () => {
    const f = buildFeatures({ competitorHotlineCalls30: 1, status: 'arrears_suspended' });
    const table = toModelTable([buildFeatures(), f]);
    expect(numbers(table, 'signal_COMPETITOR_HOTLINE')).toEqual([0, 1]);
    expect(numbers(table, 'signal_ARREARS_SUSPENDED')).toEqual([0, 1]);
    expect(numbers(table, 'arrearsSuspended')).toEqual([0, 1]);
    const settings = structuredClone(DEFAULT_SCORING_SETTINGS);
    settings.signals.competitorHotline.minCalls30 = 2;
    expect(numbers(toModelTable([f], settings), 'signal_COMPETITOR_HOTLINE')).toEqual([0]);
  });

  it('keeps categoricals as text', () => {
    const table = toModelTable([buildFeatures({ brand: 'mzone', vipLevel: 'silver', city: '宁波' })]);
    expect(column(table, 'brand').values).toEqual(['mzone']);
    expect(column(table, 'vipLevel').values).toEqual(['silver']);
    expect(column(table, 'city').values).toEqual(['宁波']);
  });

  it('carries the satisfaction revisits: unhappy answers counted, no answer yet missing (not 0)', () => {
    const table = toModelTable([
      buildFeatures({ revisitLow90: 2, lastRevisitScore: 1 }),
      buildFeatures({ revisitLow90: 0, lastRevisitScore: null }),
    ]);
    expect(numbers(table, 'revisitLow90')).toEqual([2, 0]);
    expect(numbers(table, 'lastRevisitScore')).toEqual([1, Number.NaN]);
  });

  it('makes an empty table from no rows', () => {
    const table = toModelTable([]);
    expect(table.rows).toBe(0);
    expect(table.columns).toHaveLength(MODEL_COLUMNS.length);
  });
});

describe('model reasons', () => {
  const f = buildFeatures({ arpuTrendFenPerMonth: -1_240, tenureMonths: 96, contractDaysLeft: null });

  it('renders an ARPU trend', () => {
    const reason = { feature: 'arpuTrendFenPerMonth', contribution: 0.42 };
    expect(renderReason(reason, f, 'en')).toBe('ARPU trend −¥12.40/month (raises risk)');
    expect(renderReason(reason, f, 'zh-CN')).toBe('近6个月ARPU每月下降12.40元（风险上升）');
  });

  it('renders a feature that lowers risk', () => {
    const reason = { feature: 'tenureMonths', contribution: -0.3 };
    expect(renderReason(reason, f, 'en')).toBe('Tenure: 96 months (lowers risk)');
    expect(renderReason(reason, f, 'zh-CN')).toBe('在网时长：96个月（风险下降）');
  });

  it('renders a missing value as unknown', () => {
    const reason = { feature: 'contractDaysLeft', contribution: 0.2 };
    expect(renderReason(reason, f, 'en')).toBe('Contract left: unknown (raises risk)');
    expect(renderReason(reason, f, 'zh-CN')).toBe('合约剩余：未知（风险上升）');
  });

  it('renders signal flags and categoricals, including one-hot names', () => {
    const hot = buildFeatures({ competitorHotlineCalls30: 2 });
    expect(renderReason({ feature: 'signal_COMPETITOR_HOTLINE', contribution: 0.9 }, hot, 'zh-CN')).toBe(
      '拨打竞争对手客服电话：是（风险上升）',
    );
    expect(renderReason({ feature: 'brand=gotone', contribution: -0.1 }, hot, 'en')).toBe(
      'Brand: gotone (lowers risk)',
    );
  });

  it('renders a revisit score out of five', () => {
    const reason = { feature: 'lastRevisitScore', contribution: 0.5, value: 1 };
    expect(renderReasonValue(reason, 'en')).toBe('Last revisit score: 1 of 5 (raises risk)');
    expect(renderReasonValue(reason, 'zh-CN')).toBe('最近回访评分：1分（满分5分）（风险上升）');
  });

  it('renders from a stored value, and an unknown feature by its name', () => {
    expect(renderReasonValue({ feature: 'dataVsAllowance', contribution: 0.3, value: 1.5 }, 'en')).toBe(
      'Data use vs allowance: 150% (raises risk)',
    );
    expect(renderReasonValue({ feature: 'mystery', contribution: 0.3, value: 7 }, 'en')).toBe(
      'mystery: 7 (raises risk)',
    );
  });
});

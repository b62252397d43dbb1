import { describe, expect, it } from 'vitest';
import { parseQuarter } from './quarter';
import { buildReportContent, type ReportFacts, ratioChange } from './report-content';

function facts(overrides: Partial<ReportFacts> = {}): ReportFacts {
  const quarter = parseQuarter('2026-Q3');
  const previousQuarter = parseQuarter('2026-Q2');
  if (!quarter || !previousQuarter) throw new Error('bad quarter');
  return {
    lang: 'zh-CN',
    quarter,
    previousQuarter,
    runId: 1,
    asOf: '2026-10-15',
    series: {
      months: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'],
      spendFen: [10_000, 10_000, 12_000, null, 12_000, 5_000],
      minutes: [100, 100, 150, null, 150, 10],
      dataMb: [1_000, 1_000, 1_000, null, 1_000, 10],
      mix: { voice: 0.4, data: 0.5, valueAdded: 0.1 },
    },
    subscriber: {
      id: 7,
      name: '王小明',
      msisdn: '13912345678',
      vipLevel: 'gold',
      planCode: 'P',
      planName: '套餐',
      city: '南京',
      tier: 'high_value',
    },
    peers: { count: 10, spendFen: 24_000, minutes: 150, dataMb: 2_000 },
    advice: { currentAverageFen: 12_000, recommendations: [] },
    benefits: { acceptedOffers: [], careContacts: 0, ticketsResolved: 0 },
    manager: { displayName: null, serviceNumber: '10086', operatorName: '中国移动' },
    ...overrides,
  };
}

describe('service report content', () => {
  it('averages the quarter over months with a bill and compares with last quarter and peers', () => {
    const content = buildReportContent(facts());
    expect(content.usage.current).toEqual({ spendFen: 12_000, minutes: 150, dataMb: 1_000, months: 2 });
    expect(content.usage.quarterSpendFen).toBe(24_000);
    expect(content.usage.vsPrevious.spend).toBeCloseTo(0.2, 10);
    expect(content.usage.vsPeers.spend).toBeCloseTo(-0.5, 10);
    expect(content.usage.vsPeers.minutes).toBe(0);
  });

  it('masks the name and number and says so in the subscriber’s language', () => {
    const zh = buildReportContent(facts());
    expect(zh.subscriber).toMatchObject({ nameMasked: '王**', msisdnMasked: '139****5678' });
    expect(zh.text.title).toBe('一对一服务报告 · 2026年第3季度');
    expect(zh.text.usageSummary).toContain('较上季度+20%');
    expect(zh.text.adviceSummary).toContain('暂无需调整');
    expect(zh.text.managerLine).toContain('10086');
    const en = buildReportContent(facts({ lang: 'en' }));
    expect(en.text.title).toBe('One-to-one service report · Q3 2026');
    expect(en.text.peerSummary).toContain('10 subscribers');
  });

  it('turns a cheaper plan into a monthly saving sentence', () => {
    const content = buildReportContent(
      facts({
        advice: {
          currentAverageFen: 12_000,
          recommendations: [
            {
              kind: 'cheaper_plan',
              targetPlanCode: 'P98',
              targetPlanName: '98元套餐',
              monthlyDifferenceFen: -2_200,
            },
          ],
        },
      }),
    );
    expect(content.text.adviceSummary).toBe(
      '建议：更省钱的套餐「98元套餐」，按您近三个月的实际使用，每月可节省¥22.00。',
    );
  });

  it('has no change against a missing or zero base', () => {
    expect(ratioChange(10, null)).toBeNull();
    expect(ratioChange(10, 0)).toBeNull();
    expect(ratioChange(null, 10)).toBeNull();
  });
});

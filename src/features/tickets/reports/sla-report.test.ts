import { describe, expect, it } from 'vitest';
import { cellWeekCountsSql } from './hot-spot-counts.repository';
import { isMonday, isoWeekLabel, mondayOf, mondaysFrom, weeksBetween } from './iso-week';
import { EMPTY_COUNTS, overallRow, slaReportRows, slaRow } from './sla-report';
import { slaCountsSql } from './sla-report.repository';

const counts = (closedOnTime: number, closedLate: number, openBreached: number, openOnTrack = 0) => ({
  total: closedOnTime + closedLate + openBreached + openOnTrack,
  closed: closedOnTime + closedLate,
  closedOnTime,
  closedLate,
  openBreached,
  openOnTrack,
});
const name = { 'zh-CN': 'x', en: 'x' };

describe('slaRow', () => {
  it('counts an open ticket past due as a miss and leaves open tickets not yet due out', () => {
    const row = slaRow('k', name, counts(8, 1, 1, 5));
    expect(row.decided).toBe(10);
    expect(row.onTimeRate).toBe(0.8);
    expect(row.targetMet).toBe(false);
  });

  it('meets the target at exactly 98% and says so only when something is decided', () => {
    expect(slaRow('k', name, counts(49, 1, 0)).targetMet).toBe(true);
    const undecided = slaRow('k', name, counts(0, 0, 0, 3));
    expect(undecided).toMatchObject({
      onTimeRate: null,
      interval: null,
      targetMet: null,
      clearlyBelowTarget: false,
    });
  });

  it('keeps the Wilson interval inside [0, 1] around the rate, and calls a miss clear only below it', () => {
    const allOnTime = slaRow('k', name, counts(30, 0, 0));
    expect(allOnTime.interval?.high).toBeCloseTo(1, 12);
    expect(allOnTime.interval?.low).toBeCloseTo(0.8865, 4);
    // 96/100 misses the target, but 98% is inside its interval (0.901–0.984): not a clear miss;
    // 95/100 (0.888–0.978) is.
    const close = slaRow('k', name, counts(96, 4, 0));
    expect(close.targetMet).toBe(false);
    expect(close.clearlyBelowTarget).toBe(false);
    expect(close.interval?.low).toBeLessThan(0.96);
    expect(close.interval?.high).toBeGreaterThan(0.98);
    expect(slaRow('k', name, counts(95, 5, 0)).clearlyBelowTarget).toBe(true);
  });
});

describe('slaReportRows', () => {
  it('rolls children up into their top-level category, in tree order, keeping unknown codes', () => {
    const rows = slaReportRows('category', [
      { key: 'handset', counts: counts(1, 0, 0) },
      { key: 'network_signal.no_signal', counts: counts(2, 1, 0) },
      { key: 'handset.warranty', counts: counts(0, 1, 0) },
      { key: 'retired_code', counts: counts(1, 0, 0) },
    ]);
    expect(rows.map((r) => [r.key, r.total, r.children?.map((c) => c.key)])).toEqual([
      ['network_signal', 3, ['network_signal.no_signal']],
      ['handset', 2, ['handset.warranty']],
      ['retired_code', 1, undefined],
    ]);
  });

  it('orders levels from diamond down and groups by size', () => {
    const levels = slaReportRows('level', [
      { key: 'none', counts: counts(1, 0, 0) },
      { key: 'diamond', counts: counts(1, 0, 0) },
      { key: 'gold', counts: counts(1, 0, 0) },
    ]);
    expect(levels.map((r) => r.name['zh-CN'])).toEqual(['钻石卡', '金卡', '非VIP']);
    const groups = slaReportRows('group', [
      { key: '在线客服', counts: counts(1, 0, 0) },
      { key: '计费核查组', counts: counts(2, 1, 0) },
    ]);
    expect(groups.map((r) => r.key)).toEqual(['计费核查组', '在线客服']);
    expect(overallRow([]).total).toBe(EMPTY_COUNTS.total);
  });
});

describe('ISO weeks', () => {
  it('starts weeks on Monday and labels them by the Thursday’s year', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(isMonday('2026-11-24')).toBe(false);
    expect(isoWeekLabel('2026-10-19')).toBe('2026-W43');
    expect(isoWeekLabel('2025-12-29')).toBe('2026-W01');
    expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
    expect(mondaysFrom('2026-11-09', '2026-11-23')).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeksBetween('2026-11-23', '2026-11-09')).toBe(-2);
  });
});

describe('report SQL (reviewed as SQL)', () => {
  it('counts the SLA outcomes in one GROUP BY over a whitelisted column', () => {
    expect(slaCountsSql('group').match(/group by/g)).toHaveLength(1);
    expect(slaCountsSql('group')).toMatchSnapshot();
  });

  it('counts complaints by cell and week in one GROUP BY over tickets and unlinked complaints', () => {
    expect(cellWeekCountsSql(false).match(/group by/g)).toHaveLength(1);
    expect(cellWeekCountsSql(false)).toMatchSnapshot();
  });
});

import { describe, expect, it } from 'vitest';
import type { FiredSignal } from './churn-signals';
import {
  formatMoney,
  formatMonth,
  keyMomentTitle,
  renderKeyMoment,
  renderSignalEvidence,
  renderTierReason,
  signalTitle,
} from './evidence-text';
import type { KeyMoment } from './key-moments';

const both = (signal: FiredSignal) => [
  renderSignalEvidence(signal, 'zh-CN'),
  renderSignalEvidence(signal, 'en'),
];

describe('signal evidence', () => {
  it('renders a minutes drop', () => {
    const signal: FiredSignal = {
      code: 'USAGE_DROP',
      params: { metric: 'minutes', from: 412, to: 96, change: -0.767, month: '2026-10', baselineMonths: 3 },
    };
    expect(both(signal)).toEqual([
      '2026年10月通话从412分钟降到96分钟（-77%）',
      'Calls fell from 412 to 96 minutes (-77%) in October 2026',
    ]);
  });

  it('renders a spend drop in yuan', () => {
    const signal: FiredSignal = {
      code: 'USAGE_DROP',
      params: {
        metric: 'spend',
        from: 12_850,
        to: 4_000,
        change: -0.6887,
        month: '2026-10',
        baselineMonths: 3,
      },
    };
    expect(both(signal)).toEqual([
      '2026年10月消费从128.50元降到40.00元（-69%）',
      'Spend fell from ¥128.50 to ¥40.00 (-69%) in October 2026',
    ]);
  });

  it('renders an expiring contract, and one ending today', () => {
    expect(both({ code: 'CONTRACT_EXPIRING', params: { daysLeft: 45, contractEnd: '2026-12-15' } })).toEqual([
      '合约将于2026年12月15日到期，还剩45天',
      'Contract ends on Dec 15, 2026, in 45 days',
    ]);
    expect(
      renderSignalEvidence(
        { code: 'CONTRACT_EXPIRING', params: { daysLeft: 0, contractEnd: '2026-10-31' } },
        'en',
      ),
    ).toBe('Contract ends today (Oct 31, 2026)');
  });

  it('renders zero-call days with and without the longest run', () => {
    const signal: FiredSignal = {
      code: 'ZERO_CALL_DAYS',
      params: { zeroDays: 9, streak: 6, streakFrom: '2026-10-03', streakTo: '2026-10-08' },
    };
    expect(both(signal)).toEqual([
      '近30天有9天无通话，最长连续6天（10月3日至10月8日）',
      'No calls on 9 of the last 30 days; longest run 6 days (Oct 3 – Oct 8)',
    ]);
    expect(both({ code: 'ZERO_CALL_DAYS', params: { zeroDays: 7, streak: 1 } })).toEqual([
      '近30天有7天无通话',
      'No calls on 7 of the last 30 days',
    ]);
  });

  it('renders competitor contact, counting once and twice in English', () => {
    expect(both({ code: 'COMPETITOR_HOTLINE', params: { calls: 2, lastDate: '2026-10-21' } })).toEqual([
      '近30天拨打竞争对手客服电话2次（最近一次10月21日）',
      "Called a competitor's customer service twice in the last 30 days (last on Oct 21)",
    ]);
    expect(both({ code: 'COMPETITOR_MARKETING', params: { contacts: 1 } })).toEqual([
      '近30天接到竞争对手营销电话或短信1次',
      'Contacted by competitor marketing once in the last 30 days',
    ]);
  });

  it('renders an ARPU decline with localised months', () => {
    const signal: FiredSignal = {
      code: 'ARPU_DECLINE',
      params: { months: 3, fromFen: 15_800, toFen: 9_800, fromMonth: '2026-07', toMonth: '2026-10' },
    };
    expect(both(signal)).toEqual([
      '月消费连续3个月下降，从2026年7月的158.00元降到2026年10月的98.00元',
      'Monthly spend fell 3 months in a row, from ¥158.00 in July 2026 to ¥98.00 in October 2026',
    ]);
  });

  it('renders complaints, overdue and recent', () => {
    const signal: FiredSignal = {
      code: 'OPEN_COMPLAINT',
      params: { overdue: 1, complaints90: 2, oldestDueDate: '2026-10-12' },
    };
    expect(both(signal)).toEqual([
      '1件投诉超时未解决（最早应于10月12日前处理）；近90天投诉2次',
      '1 complaint open past the deadline (oldest due Oct 12); 2 complaints in the last 90 days',
    ]);
    // Raised by a VIP's ticket the moment it opened: the ticket is named first.
    expect(
      both({
        code: 'OPEN_COMPLAINT',
        params: { overdue: 0, complaints90: 1, ticketId: 42, ticketNo: 'T000042' },
      }),
    ).toEqual([
      '服务工单T000042处理中；近90天投诉1次',
      'service ticket T000042 being worked; 1 complaint in the last 90 days',
    ]);
  });

  it('renders an arrears suspension and a data overage', () => {
    expect(both({ code: 'ARREARS_SUSPENDED', params: { days: 12 } })).toEqual([
      '欠费停机已12天',
      'Suspended for arrears for 12 days',
    ]);
    const overage: FiredSignal = {
      code: 'DATA_OVERAGE',
      params: { overageFen: 3_520, dataMb: 25_600, allowanceMb: 20_480, month: '2026-10' },
    };
    expect(both(overage)).toEqual([
      '2026年10月使用流量25,600MB，超出套餐所含20,480MB，超量付费35.20元',
      'Paid ¥35.20 for extra data in October 2026: used 25,600 MB of a 20,480 MB allowance',
    ]);
  });

  it('falls back to the title when the parameters are missing', () => {
    expect(both({ code: 'USAGE_DROP', params: {} })).toEqual(['业务量突降', 'Sudden usage drop']);
  });

  it('has the DOMAIN.md Chinese titles', () => {
    expect(signalTitle('CONTRACT_EXPIRING', 'zh-CN')).toBe('协议到期');
    expect(signalTitle('COMPETITOR_HOTLINE', 'zh-CN')).toBe('拨打竞争对手客服电话');
    expect(signalTitle('ARPU_DECLINE', 'zh-CN')).toBe('近3个月ARPU下降');
  });
});

describe('key moment text', () => {
  const render = (moment: KeyMoment) => [renderKeyMoment(moment, 'zh-CN'), renderKeyMoment(moment, 'en')];

  it('renders a birthday', () => {
    expect(
      render({
        code: 'BIRTHDAY_CARE',
        dueDate: '2026-11-03',
        params: { birthday: '2026-11-03', daysUntil: 3 },
      }),
    ).toEqual([
      '11月3日生日（还有3天）：发送关怀短信或致电问候',
      'Birthday on Nov 3 (in 3 days): send a care message or call',
    ]);
  });

  it('renders an arrears reminder and a contract retention call', () => {
    expect(
      render({
        code: 'ARREARS_REMINDER',
        dueDate: '2026-10-21',
        params: { suspendedOn: '2026-10-20', withinHours: 24 },
      }),
    ).toEqual([
      '10月20日欠费停机：24小时内致电提醒缴费',
      'Suspended for arrears on Oct 20: reminder call within 24 hours',
    ]);
    expect(
      render({
        code: 'CONTRACT_RETENTION',
        dueDate: '2026-11-15',
        params: { contractEnd: '2026-12-15', daysLeft: 45 },
      }),
    ).toEqual([
      '合约将于2026年12月15日到期：到期前致电维系续约',
      'Contract ends on Dec 15, 2026: retention call before it ends',
    ]);
  });

  it('renders revisits and a retention call with its reason', () => {
    expect(
      render({ code: 'COMPLAINT_REVISIT', dueDate: '2026-11-02', params: { eventDate: '2026-10-30' } }),
    ).toEqual(['10月30日投诉已解决：满意度回访', 'Complaint resolved on Oct 30: satisfaction revisit']);
    expect(
      render({ code: 'BUSINESS_REVISIT', dueDate: '2026-11-04', params: { eventDate: '2026-10-28' } }),
    ).toEqual(['10月28日办理业务：回访了解使用情况', 'Business handled on Oct 28: revisit call']);
    expect(
      render({ code: 'LEAVING_RETENTION', dueDate: '2026-11-03', params: { reason: 'competitor_contact' } }),
    ).toEqual([
      '流失预警（有竞争对手接触痕迹）：尽快致电挽留',
      'Churn warning (contact with a competitor): retention call',
    ]);
  });

  it('falls back to the title when the parameters are missing', () => {
    expect(render({ code: 'BIRTHDAY_CARE', dueDate: '2026-11-03', params: {} })).toEqual([
      keyMomentTitle('BIRTHDAY_CARE', 'zh-CN'),
      keyMomentTitle('BIRTHDAY_CARE', 'en'),
    ]);
  });
});

describe('formatting', () => {
  it('shows money in yuan with two decimals', () => {
    expect(formatMoney(12_850, 'en')).toBe('¥128.50');
    expect(formatMoney(12_850, 'zh-CN')).toBe('128.50元');
    expect(formatMoney(123_456_789, 'en')).toBe('¥1,234,567.89');
  });

  it('names months in the reader language', () => {
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
    expect(formatMonth('2026-01', 'zh-CN')).toBe('2026年1月');
  });

  it('renders tier reasons', () => {
    expect(renderTierReason('silence_wake_up', 'zh-CN')).toBe('连续3个月消费无波动（沉默唤醒）');
    expect(renderTierReason('new_subscriber', 'en')).toBe('new subscriber');
  });
});

import { type Day, formatDay } from './calendar';
import type { ChurnPlan } from './churn';
import type { ContractRow } from './contracts';
import type { DemoWindow } from './demo-window';
import type { Profile } from './profile';
import { Rng, STREAM } from './random';

export type ComplaintCategory =
  | 'network_signal'
  | 'broadband_fault'
  | 'billing_dispute'
  | 'plan_change'
  | 'handset'
  | 'value_added';

export type ComplaintRow = {
  complaintNo: string;
  openedAt: string;
  openedDay: Day;
  category: ComplaintCategory;
  status: 'open' | 'resolved' | 'closed';
  slaDueAt: string;
  resolvedAt: string | null;
  description: string;
};

/** Golden-time limits in hours (DOMAIN.md §10): broadband repaired in 24 h, plan changes at once. */
const CATEGORIES: Record<ComplaintCategory, { weight: number; slaHours: number; texts: readonly string[] }> =
  {
    network_signal: {
      weight: 30,
      slaHours: 48,
      texts: ['家中室内信号弱，通话经常中断', '地下车库无信号', '5G信号不稳定，网速慢', '小区附近基站信号差'],
    },
    broadband_fault: {
      weight: 15,
      slaHours: 24,
      texts: ['宽带频繁掉线', '光猫亮红灯，无法上网', '宽带网速达不到签约速率'],
    },
    billing_dispute: {
      weight: 20,
      slaHours: 72,
      texts: [
        '对本月流量费用有异议',
        '被扣取未订购的增值业务费用',
        '套餐外语音费用过高',
        '合约返费未按时到账',
      ],
    },
    plan_change: {
      weight: 12,
      slaHours: 24,
      texts: ['变更套餐未及时生效', '咨询降档套餐被告知需缴纳违约金', '携号转网资格查询结果有异议'],
    },
    handset: {
      weight: 10,
      slaHours: 72,
      texts: ['合约机屏幕故障', '新购手机无法识别5G网络', '合约机电池续航异常'],
    },
    value_added: {
      weight: 13,
      slaHours: 48,
      texts: ['未经同意开通视频彩铃', '会员权益无法领取', '退订增值业务后仍在扣费'],
    },
  };

const CATEGORY_NAMES: ComplaintCategory[] = [
  'network_signal',
  'broadband_fault',
  'billing_dispute',
  'plan_change',
  'handset',
  'value_added',
];

/** Per month, the chance that a subscriber complains for no reason related to leaving. */
const MONTHLY_COMPLAINT_RATE = 0.012;

export function drawComplaints(
  window: DemoWindow,
  profile: Profile,
  churn: ChurnPlan,
  contracts: ContractRow[],
): ComplaintRow[] {
  const rng = Rng.for(window.config.seed, profile.index, STREAM.complaints);
  const hasBroadband = contracts.some((c) => c.kind === 'broadband');
  const lastDay =
    churn.churnDay !== null && churn.churnDay <= window.asOfEnd ? churn.churnDay - 1 : window.asOfEnd;
  const days: Day[] = [];
  for (const month of window.months) {
    if (!rng.chance(MONTHLY_COMPLAINT_RATE)) continue;
    const day = rng.int(month.first, month.last);
    if (day >= profile.joinDay && day <= lastDay) days.push(day);
  }
  const rows: ComplaintRow[] = [];
  const all = [
    ...days.map((day) => ({ day, planted: false })),
    ...churn.complaintDays.map((day) => ({ day, planted: true })),
  ];
  all.sort((a, b) => a.day - b.day);
  all.forEach(({ day, planted }, k) => {
    if (day < window.firstDay) return; // before the export window
    const category = rng.weighted(CATEGORY_NAMES, (c) =>
      c === 'broadband_fault' && !hasBroadband ? 0 : CATEGORIES[c].weight,
    );
    const spec = CATEGORIES[category];
    const openedMinute = day * 1440 + rng.int(8 * 60, 21 * 60);
    const slaMinute = openedMinute + spec.slaHours * 60;
    const leftOpen = planted ? churn.complaintLeftOpen : rng.chance(0.03);
    // Most are fixed inside the golden time; the 98% on-time target is rarely quite met.
    const hours = rng.chance(0.92)
      ? spec.slaHours * rng.between(0.1, 0.9)
      : spec.slaHours * rng.between(1.1, 3);
    const resolvedMinute = withinWorkingHours(Math.round(openedMinute + hours * 60));
    const resolvedInTime = resolvedMinute < (window.asOfEnd + 1) * 1440;
    const status =
      leftOpen || !resolvedInTime
        ? 'open'
        : resolvedMinute < (window.asOfEnd - 7) * 1440 && rng.chance(0.7)
          ? 'closed'
          : 'resolved';
    const openedAt = formatMinute(openedMinute);
    rows.push({
      complaintNo: `TS${openedAt.slice(0, 10).replaceAll('-', '')}${String(rng.int(0, 99_999)).padStart(5, '0')}${k}`,
      openedAt,
      openedDay: day,
      category,
      status,
      slaDueAt: formatMinute(slaMinute),
      resolvedAt: status === 'open' ? null : formatMinute(resolvedMinute),
      description: rng.pick(spec.texts),
    });
  });
  return rows;
}

/** Engineers and back offices close tickets 08:00–21:00; a fix due overnight lands next morning. */
function withinWorkingHours(minute: number): number {
  const day = Math.floor(minute / 1440);
  const inDay = minute - day * 1440;
  if (inDay < 8 * 60) return day * 1440 + 8 * 60 + (inDay % 60);
  if (inDay > 21 * 60) return (day + 1) * 1440 + 8 * 60 + (inDay % 60);
  return minute;
}

/** Business-zone wall clock with its offset: 2026-03-05T14:05:00+08:00. */
function formatMinute(minute: number): string {
  const day = Math.floor(minute / 1440);
  const inDay = minute - day * 1440;
  const hh = String(Math.floor(inDay / 60)).padStart(2, '0');
  const mm = String(inDay % 60).padStart(2, '0');
  return `${formatDay(day)}T${hh}:${mm}:00+08:00`;
}

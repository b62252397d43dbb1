import { formatFenAsYuan } from '#src/lib/money';
import type { DailySummary, SummaryLanguage } from './daily-summary.schemas';

/** Yuan with two decimals; a pro-rata expectation can fall between fen. */
function formatFen(fen: number): string {
  return formatFenAsYuan(Math.round(fen));
}

/** Excel reads a CSV as the local code page unless it starts with the UTF-8 byte order mark. */
export const UTF8_BOM = '\uFEFF';

const TEXT = {
  'zh-CN': {
    title: '团队日报',
    team: '团队',
    date: '日期',
    results: '昨日结果',
    plan: '今日计划',
    targets: '目标进度',
    agent: '坐席',
    teamPool: '团队池',
    total: '合计',
    resultHeads: ['外呼', '接通', '接受优惠', '挽留', '投诉', '支出(元)', '新开工单', 'SLA超时'],
    planHeads: ['计划外呼', '到期回拨', '关怀任务'],
    targetHeads: [
      '范围',
      '对象',
      '指标',
      '本年累计',
      '本季累计',
      '现实目标(年)',
      '现实:应达',
      '现实:今日目标',
      '现实:状态',
      '理想目标(年)',
      '理想:应达',
      '理想:今日目标',
      '理想:状态',
    ],
    scope: { team: '团队', agent: '坐席' },
    metric: { saves: '挽留', accepted_offers: '接受优惠', reached: '接通', spend_fen: '支出(元)' },
    status: { ahead: '领先', on_track: '正常', behind: '落后' },
  },
  en: {
    title: 'Team daily summary',
    team: 'Team',
    date: 'Date',
    results: "Yesterday's results",
    plan: "Today's plan",
    targets: 'Targets',
    agent: 'Agent',
    teamPool: 'Team pool',
    total: 'Total',
    resultHeads: [
      'Calls',
      'Reached',
      'Accepted offers',
      'Saves',
      'Complaints',
      'Spend (CNY)',
      'Tickets opened',
      'SLA breaches',
    ],
    planHeads: ['Planned calls', 'Callbacks due', 'Care tasks'],
    targetHeads: [
      'Scope',
      'Who',
      'Metric',
      'Year to date',
      'Quarter to date',
      'Realistic (year)',
      'Realistic: expected',
      "Realistic: today's goal",
      'Realistic: status',
      'Stretch (year)',
      'Stretch: expected',
      "Stretch: today's goal",
      'Stretch: status',
    ],
    scope: { team: 'Team', agent: 'Agent' },
    metric: {
      saves: 'Saves',
      accepted_offers: 'Accepted offers',
      reached: 'Reached',
      spend_fen: 'Spend (CNY)',
    },
    status: { ahead: 'Ahead', on_track: 'On track', behind: 'Behind' },
  },
} as const;

/**
 * One CSV cell: quoted when it holds a separator, quote or line break; text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with an apostrophe so a name cannot execute.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function line(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}

/** The summary as CSV sections (results, plan, targets), BOM first, CRLF line ends as Excel writes. */
export function dailySummaryCsv(summary: DailySummary, language: SummaryLanguage): string {
  const t = TEXT[language];
  const rows: string[] = [];
  rows.push(line([t.title, `${t.team}: ${summary.teamName}`, `${t.date}: ${summary.date}`]));
  rows.push('');
  rows.push(line([`${t.results} (${summary.resultsDate})`]));
  rows.push(line([t.agent, ...t.resultHeads]));
  const resultCells = (r: DailySummary['results']['totals']) => [
    r.calls,
    r.reached,
    r.accepted,
    r.saves,
    r.complaints,
    formatFen(r.spendFen),
    r.ticketsOpened,
    r.slaBreaches,
  ];
  for (const item of summary.results.items) rows.push(line([item.displayName, ...resultCells(item)]));
  rows.push(line([t.total, ...resultCells(summary.results.totals)]));
  rows.push('');
  rows.push(line([`${t.plan} (${summary.date})`]));
  rows.push(line([t.agent, ...t.planHeads]));
  for (const item of summary.plan.items) {
    rows.push(line([item.displayName ?? t.teamPool, item.plannedCalls, item.callbacksDue, item.careTasks]));
  }
  const p = summary.plan.totals;
  rows.push(line([t.total, p.plannedCalls, p.callbacksDue, p.careTasks]));
  rows.push('');
  rows.push(line([t.targets]));
  rows.push(line(t.targetHeads));
  for (const item of summary.targets) {
    const money = item.metric === 'spend_fen';
    const amount = (v: number | null) => (v === null ? null : money ? formatFen(v) : v);
    const level = (l: typeof item.realistic) =>
      l
        ? [amount(l.annualValue), amount(l.expectedToDate), amount(l.dailyGoal), t.status[l.status]]
        : [null, null, null, null];
    rows.push(
      line([
        t.scope[item.scope],
        item.scope === 'agent' ? item.agentName : item.teamName,
        t.metric[item.metric],
        amount(item.achievedYearToDate),
        amount(item.achievedQuarterToDate),
        ...level(item.realistic),
        ...level(item.stretch),
      ]),
    );
  }
  return `${UTF8_BOM}${rows.join('\r\n')}\r\n`;
}

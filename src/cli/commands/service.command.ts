import type { Command } from 'commander';
import {
  getHotSpots,
  type HotSpotsView,
  MAX_HOT_SPOT_WEEKS,
} from '#src/features/tickets/reports/hot-spots.service';
import {
  SLA_REPORT_DIMENSIONS,
  type SlaReportDimension,
  type SlaReportRow,
} from '#src/features/tickets/reports/sla-report';
import { getSlaReport, type SlaReport } from '#src/features/tickets/reports/sla-report.service';
import { isCalendarDate } from '#src/lib/months';
import { configOrExit, withStores } from '../context';

function calendarDate(name: string) {
  return (value: string): string => {
    if (!isCalendarDate(value)) throw new Error(`${name} must be a date YYYY-MM-DD, got '${value}'`);
    return value;
  };
}

function dimension(value: string): SlaReportDimension {
  const by = SLA_REPORT_DIMENSIONS.find((d) => d === value);
  if (!by) throw new Error(`--by must be one of ${SLA_REPORT_DIMENSIONS.join(', ')}, got '${value}'`);
  return by;
}

function weeksOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_HOT_SPOT_WEEKS) {
    throw new Error(`--weeks must be a whole number from 1 to ${MAX_HOT_SPOT_WEEKS}, got '${value}'`);
  }
  return n;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Right-aligned columns, the name last: CJK names would break any padding after them. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)];
}

function slaCells(row: SlaReportRow, indent: string): string[] {
  const verdict =
    row.targetMet === null ? '—' : row.targetMet ? 'met' : row.clearlyBelowTarget ? 'MISSED' : 'missed';
  return [
    String(row.total),
    String(row.closed),
    String(row.closedOnTime),
    String(row.closedLate),
    String(row.openBreached),
    String(row.openOnTrack),
    row.onTimeRate === null ? '—' : percent(row.onTimeRate),
    row.interval === null ? '—' : `${percent(row.interval.low)}–${percent(row.interval.high)}`,
    verdict,
    `${indent}${row.name['zh-CN']}${row.name.en === row.name['zh-CN'] ? '' : ` ${row.name.en}`}`,
  ];
}

/** The report as a readable table; the caller prints the JSON line after it. */
export function formatSlaReport(report: SlaReport): string[] {
  const rows: string[][] = [];
  for (const row of report.rows) {
    rows.push(slaCells(row, ''));
    for (const child of row.children ?? []) rows.push(slaCells(child, '  └ '));
  }
  rows.push(slaCells(report.overall, ''));
  return [
    `SLA report ${report.from} … ${report.to} (${report.timeZone}), tickets opened in the period by ${report.by}; target ${percent(report.target)} on time`,
    'on-time rate = closed on time / (closed + open already past due); MISSED = the whole 95% interval is below the target',
    ...table(
      ['total', 'closed', 'on time', 'late', 'open late', 'open ok', 'on-time', '95% CI', 'target', 'name'],
      rows,
    ),
  ];
}

export function formatHotSpots(view: HotSpotsView): string[] {
  const tested = view.weekReports.reduce((sum, w) => sum + w.cellsTested, 0);
  const lines = [
    `Complaint hot spots, ${view.weeks} week(s) to ${view.until} (${view.timeZone}); settings v${view.settingsVersion}: ` +
      `q ≤ ${view.settings.q}, at least ${view.settings.minCount} complaints and ${view.settings.minRatio}× the baseline; ${tested} cell-weeks tested`,
  ];
  if (view.hotSpots.length === 0) return [...lines, 'No hot spots.'];
  const rows = view.hotSpots.map((h) => [
    h.week,
    String(h.observed),
    h.expected.toFixed(1),
    `${h.ratio.toFixed(1)}×`,
    h.qValue.toExponential(1),
    h.existingWorkOrder ? `#${h.existingWorkOrder.id} ${h.existingWorkOrder.status}` : '—',
    `${h.area} ${h.categoryName['zh-CN']} → ${h.workOrder.kind}`,
  ]);
  return [
    ...lines,
    ...table(['week', 'count', 'baseline', 'ratio', 'q', 'order', 'area / category → work order'], rows),
  ];
}

export function registerServiceCommands(program: Command): void {
  program
    .command('sla-report')
    .description(
      'SLA on-time rate of the tickets opened in a period against the 98% target (last line: the report as JSON)',
    )
    .option('--from <date>', 'first day YYYY-MM-DD (default: 29 days before --to)', calendarDate('--from'))
    .option(
      '--to <date>',
      'last day YYYY-MM-DD (default: today in the business time zone)',
      calendarDate('--to'),
    )
    .option('--by <dimension>', `group rows by ${SLA_REPORT_DIMENSIONS.join(' | ')}`, dimension, 'category')
    .action(async (opts: { from?: string; to?: string; by: SlaReportDimension }) => {
      if (opts.from && opts.to && opts.from > opts.to) throw new Error('--from must not be after --to');
      const config = configOrExit();
      await withStores(config, async (stores) => {
        const report = await getSlaReport(stores.handle.engine, opts, {
          timeZone: config.timeZone,
          now: new Date(),
        });
        for (const line of formatSlaReport(report)) console.log(line);
        console.log(JSON.stringify(report));
      });
    });

  program
    .command('hot-spots')
    .description(
      "complaint hot spots (area × category × week against the area's baseline) of the last weeks (last line: JSON)",
    )
    .option('--weeks <n>', `how many weeks up to this one (1–${MAX_HOT_SPOT_WEEKS})`, weeksOption, 12)
    .option('--until <date>', 'a day in the last week to test (default: today)', calendarDate('--until'))
    .action(async (opts: { weeks: number; until?: string }) => {
      const config = configOrExit();
      await withStores(config, async (stores) => {
        const view = await getHotSpots(stores.handle, opts, { timeZone: config.timeZone, now: new Date() });
        for (const line of formatHotSpots(view)) console.log(line);
        console.log(JSON.stringify(view));
      });
    });
}

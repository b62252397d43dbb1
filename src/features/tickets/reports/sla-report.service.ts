import type { Engine } from '#src/db/client';
import { reportPeriod } from './report-period';
import {
  overallRow,
  SLA_ON_TIME_TARGET,
  type SlaReportDimension,
  type SlaReportRow,
  slaReportRows,
} from './sla-report';
import { countTicketsBySla } from './sla-report.repository';

export type SlaReportQuery = {
  from?: string | undefined;
  to?: string | undefined;
  by?: SlaReportDimension | undefined;
};

export type SlaReport = {
  from: string;
  to: string;
  by: SlaReportDimension;
  timeZone: string;
  /** Open tickets are judged as of this instant. */
  asOf: string;
  target: number;
  rows: SlaReportRow[];
  overall: SlaReportRow;
};

/** On-time rate per category, group or level of the tickets opened in the period (issue 6 §3). */
export async function getSlaReport(
  engine: Engine,
  query: SlaReportQuery,
  context: { timeZone: string; now: Date },
): Promise<SlaReport> {
  const period = reportPeriod(query, context.timeZone, context.now);
  const by = query.by ?? 'category';
  const counted = await countTicketsBySla(engine, by, {
    from: period.start,
    until: period.end,
    asOf: context.now,
  });
  return {
    from: period.from,
    to: period.to,
    by,
    timeZone: context.timeZone,
    asOf: context.now.toISOString(),
    target: SLA_ON_TIME_TARGET,
    rows: slaReportRows(by, counted),
    overall: overallRow(counted),
  };
}

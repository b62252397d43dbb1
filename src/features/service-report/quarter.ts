import { addMonths, monthEnd, monthOf } from '#src/lib/months';

/** A calendar quarter as the report names it: 2026-Q3 is July to September 2026. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export type Quarter = {
  code: string;
  year: number;
  number: 1 | 2 | 3 | 4;
  months: string[];
  start: string;
  end: string;
};

export function parseQuarter(code: string): Quarter | undefined {
  const match = QUARTER_PATTERN.exec(code);
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number !== 1 && number !== 2 && number !== 3 && number !== 4) return undefined;
  const first = `${String(year).padStart(4, '0')}-${String((number - 1) * 3 + 1).padStart(2, '0')}`;
  const months = [first, addMonths(first, 1), addMonths(first, 2)];
  return { code, year, number, months, start: `${first}-01`, end: monthEnd(addMonths(first, 2)) };
}

function quarterOfMonth(month: string): Quarter {
  const year = Number(month.slice(0, 4));
  const number = Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
  const quarter = parseQuarter(`${String(year).padStart(4, '0')}-Q${number}`);
  if (!quarter) throw new Error(`no quarter for month '${month}'`);
  return quarter;
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarterOfMonth(addMonths(quarter.months[0] ?? `${quarter.year}-01`, -1));
}

/**
 * The last quarter complete on `asOf` (YYYY-MM-DD): a scoring run as of 2026-10-15 reports on
 * 2026-Q3; one as of 2026-09-30 (the quarter's last day) already on 2026-Q3 itself.
 */
export function lastCompleteQuarterOn(asOf: string): Quarter {
  const own = quarterOfMonth(monthOf(asOf));
  return own.end === asOf ? own : previousQuarter(own);
}

/**
 * Positions (0-based) of the quarter's months in a run's monthly series, which holds `length`
 * months ending with the as-of month; months outside the series are left out.
 */
export function seriesIndexesOf(quarter: Quarter, asOf: string, length: number): number[] {
  const last = monthOf(asOf);
  const indexes: number[] = [];
  for (const month of quarter.months) {
    const index = length - 1 - monthsFrom(month, last);
    if (index >= 0 && index < length) indexes.push(index);
  }
  return indexes;
}

/** The series' months, oldest first, ending with the as-of month. */
export function seriesMonthsOf(asOf: string, length: number): string[] {
  const last = monthOf(asOf);
  return Array.from({ length }, (_, i) => addMonths(last, i - (length - 1)));
}

function monthsFrom(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

/**
 * Quarters a report may cover for a run: complete on the as-of day, with at least one month in the
 * run's series (the only usage figures a screen may read), newest first.
 */
export function reportableQuarters(asOf: string, length: number): string[] {
  const result: string[] = [];
  let quarter = lastCompleteQuarterOn(asOf);
  while (seriesIndexesOf(quarter, asOf, length).length > 0) {
    result.push(quarter.code);
    quarter = previousQuarter(quarter);
  }
  return result;
}

import { addMonths, type Day, firstDayOf, isMonth, lastDayOf, type MonthDays, monthDays } from './calendar';

/** Everything that decides the demo operator; the same config always gives the same files. */
export type DemoConfig = {
  subscribers: number;
  /** Months of bills and daily usage, ending with asOfMonth. */
  months: number;
  seed: number;
  /** The last complete billing month, YYYY-MM; the generator never looks at the clock. */
  asOfMonth: string;
};

/** How far past asOfMonth planted churn may lie (the horizon a churn model predicts over). */
export const FUTURE_CHURN_MONTHS = 3;

/**
 * The months the demo has data for. Month indices are relative to the window: 0 is the first
 * month with bills, `months - 1` is asOfMonth, and indices from `months` on are the future.
 */
export type DemoWindow = {
  config: DemoConfig;
  months: MonthDays[];
  firstDay: Day;
  asOfEnd: Day;
};

export function buildWindow(config: DemoConfig): DemoWindow {
  if (!isMonth(config.asOfMonth)) throw new Error(`asOfMonth must be YYYY-MM, got '${config.asOfMonth}'`);
  if (!Number.isInteger(config.months) || config.months < 1 || config.months > 36) {
    throw new Error(`months must be a whole number from 1 to 36, got ${config.months}`);
  }
  if (!Number.isInteger(config.subscribers) || config.subscribers < 1 || config.subscribers > 50_000_000) {
    throw new Error(`subscribers must be a whole number from 1 to 50,000,000, got ${config.subscribers}`);
  }
  if (!Number.isInteger(config.seed)) throw new Error(`seed must be a whole number, got ${config.seed}`);
  const months: MonthDays[] = [];
  for (let i = config.months - 1; i >= 0; i -= 1) months.push(monthDays(addMonths(config.asOfMonth, -i)));
  const first = months[0];
  if (!first) throw new Error('empty window');
  return { config, months, firstDay: first.first, asOfEnd: lastDayOf(config.asOfMonth) };
}

/** The month at a window index, which may lie before or after the window. */
export function monthAt(window: DemoWindow, index: number): string {
  return addMonths(window.config.asOfMonth, index - (window.config.months - 1));
}

export function firstDayAt(window: DemoWindow, index: number): Day {
  return firstDayOf(monthAt(window, index));
}

import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  WEEKDAYS,
} from '#src/features/tickets/sla/business-calendar';
import { addDays } from '#src/lib/months';

/**
 * Whether a local date (YYYY-MM-DD) is a working day of the business calendar: a public holiday is
 * off whatever the weekday, a weekend day declared a working day (调休上班) is on, otherwise the
 * weekday's hours decide. The same data the SLA clock reads, so targets and SLAs agree on holidays.
 */
export function isWorkingDay(date: string, calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.adjustedWorkdays.has(date)) return calendar.adjustedWorkdayHours !== null;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'sun';
  return calendar.weekly[weekday] !== null;
}

/** Working days from `from` through `to`, both included; zero when `to` is before `from`. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): number {
  let count = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

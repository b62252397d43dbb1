import { addDays } from '#src/lib/months';
import { wallTimeToUtc } from '#src/lib/zoned-time';

/** Minutes since local midnight of an 'HH:MM' clock reading. */
export function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The instant a local 'HH:MM' happens on calendar day `day` (YYYY-MM-DD) in `timeZone`. */
export function localInstant(day: string, clock: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1) + clockMinutes(clock) * 60_000;
  return new Date(wallTimeToUtc(wall, timeZone));
}

/** The plan day as instants: local midnight to the next local midnight (exclusive). */
export type DayBounds = { day: string; start: Date; end: Date };

export function dayBounds(day: string, timeZone: string): DayBounds {
  return {
    day,
    start: localInstant(day, '00:00', timeZone),
    end: localInstant(addDays(day, 1), '00:00', timeZone),
  };
}

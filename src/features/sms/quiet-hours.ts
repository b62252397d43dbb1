import { localClock } from '#src/features/contact-policy/contact-policy';
import { wallTimeToUtc, zoneOffsetMs } from '#src/lib/zoned-time';

export type LocalWindow = { from: string; until: string };

/**
 * The first instant at or after `at` inside the daily local window (the SMS quiet hours are
 * everything outside it): `at` itself inside the window, else today's or tomorrow's opening time.
 */
export function nextWindowOpening(at: Date, window: LocalWindow, timeZone: string): Date {
  const clock = localClock(at, timeZone);
  if (clock >= window.from && clock < window.until) return at;
  const wall = new Date(at.getTime() + zoneOffsetMs(timeZone, at.getTime()));
  const [hours, minutes] = window.from.split(':').map(Number);
  const dayOffset = clock < window.from ? 0 : 1;
  const opening = Date.UTC(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate() + dayOffset,
    hours ?? 0,
    minutes ?? 0,
  );
  return new Date(wallTimeToUtc(opening, timeZone));
}

import { wallTimeToUtc } from '#src/lib/zoned-time';

/** The instant local midnight starts `date` (YYYY-MM-DD) in the business time zone. */
export function localDayStart(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1), timeZone));
}

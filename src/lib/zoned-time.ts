const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`, in milliseconds. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const fields = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') fields.set(part.type, Number(part.value));
  }
  const wall = Date.UTC(
    fields.get('year') ?? 1970,
    (fields.get('month') ?? 1) - 1,
    fields.get('day') ?? 1,
    fields.get('hour') ?? 0,
    fields.get('minute') ?? 0,
    fields.get('second') ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `timeZone`. `wallMs` is that wall-clock time encoded
 * as if it were UTC (Date.UTC of its fields). The second pass settles times near a DST change.
 */
export function wallTimeToUtc(wallMs: number, timeZone: string): number {
  const first = wallMs - zoneOffsetMs(timeZone, wallMs);
  return wallMs - zoneOffsetMs(timeZone, first);
}

/** The last millisecond of calendar day `date` (YYYY-MM-DD) in `timeZone`. */
export function endOfDayUtc(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const nextMidnight = Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1);
  return wallTimeToUtc(nextMidnight, timeZone) - 1;
}

import { describe, expect, it } from 'vitest';
import { endOfDayUtc, wallTimeToUtc, zoneOffsetMs } from '#src/lib/zoned-time';

const HOUR = 3_600_000;

describe('zoned time', () => {
  it('knows Shanghai is eight hours ahead of UTC all year', () => {
    expect(zoneOffsetMs('Asia/Shanghai', Date.UTC(2026, 0, 15))).toBe(8 * HOUR);
    expect(zoneOffsetMs('Asia/Shanghai', Date.UTC(2026, 6, 15))).toBe(8 * HOUR);
  });

  it('turns a wall-clock time into the right instant on both sides of a DST change', () => {
    expect(new Date(wallTimeToUtc(Date.UTC(2026, 0, 15, 9), 'America/New_York')).toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(new Date(wallTimeToUtc(Date.UTC(2026, 6, 15, 9), 'America/New_York')).toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
  });

  it('ends a business day at its last millisecond in the zone', () => {
    expect(new Date(endOfDayUtc('2026-11-20', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-11-20T15:59:59.999Z',
    );
  });
});

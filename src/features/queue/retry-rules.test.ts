import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SETTINGS, daypartOf, firstSlotOutside, nextRetry } from './retry-rules';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

describe('retry rules', () => {
  it('stops after the last allowed attempt', () => {
    expect(nextRetry(at('2026-11-23T10:00:00'), 3, DEFAULT_RETRY_SETTINGS, ZONE)).toEqual({ retry: false });
  });

  it('waits the delay and avoids the daypart that failed', () => {
    const decision = nextRetry(at('2026-11-23T10:00:00'), 1, DEFAULT_RETRY_SETTINGS, ZONE);
    expect(decision).toEqual({ retry: true, notBefore: at('2026-11-23T14:00:00'), avoidDaypart: 0 });
  });

  it('finds the next slot in another daypart, rolling over the night', () => {
    expect(firstSlotOutside(at('2026-11-23T14:00:00'), 0, DEFAULT_RETRY_SETTINGS, ZONE)).toEqual(
      at('2026-11-23T14:00:00'),
    );
    expect(firstSlotOutside(at('2026-11-23T14:00:00'), 1, DEFAULT_RETRY_SETTINGS, ZONE)).toEqual(
      at('2026-11-23T17:00:00'),
    );
    expect(firstSlotOutside(at('2026-11-23T22:30:00'), 2, DEFAULT_RETRY_SETTINGS, ZONE)).toEqual(
      at('2026-11-24T09:00:00'),
    );
  });

  it('knows no daypart at night', () => {
    expect(daypartOf(at('2026-11-23T03:00:00'), DEFAULT_RETRY_SETTINGS, ZONE)).toBe(-1);
  });
});

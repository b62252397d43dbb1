import { describe, expect, it } from 'vitest';
import { needsTouch, type SessionTimes, sessionExpiresAt, sessionVerdict } from './session-expiry';

const policy = { idleMinutes: 30, maxHours: 12 };
const now = new Date('2026-04-15T08:00:00Z');
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000);

function session(overrides: Partial<SessionTimes> = {}): SessionTimes {
  return { lastSeenAt: at(-5), expiresAt: at(60), endedAt: null, ...overrides };
}

describe('sessionVerdict', () => {
  it('accepts a recently used, unexpired, open session', () => {
    expect(sessionVerdict(session(), policy, now)).toEqual({ valid: true });
  });

  it('refuses an ended session whatever its times', () => {
    expect(sessionVerdict(session({ endedAt: at(-1), lastSeenAt: now }), policy, now)).toEqual({
      valid: false,
      reason: 'ended',
    });
  });

  it('refuses a session idle for the idle limit or longer', () => {
    expect(sessionVerdict(session({ lastSeenAt: at(-29) }), policy, now)).toEqual({ valid: true });
    expect(sessionVerdict(session({ lastSeenAt: new Date(at(-30).getTime() + 1) }), policy, now)).toEqual({
      valid: true,
    });
    expect(sessionVerdict(session({ lastSeenAt: at(-30) }), policy, now)).toEqual({
      valid: false,
      reason: 'idle',
    });
    expect(sessionVerdict(session({ lastSeenAt: at(-300) }), policy, now)).toEqual({
      valid: false,
      reason: 'idle',
    });
  });

  it('refuses a session past its absolute end even when it was just used', () => {
    expect(sessionVerdict(session({ lastSeenAt: now, expiresAt: now }), policy, now)).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(sessionVerdict(session({ lastSeenAt: now, expiresAt: at(-1) }), policy, now)).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(
      sessionVerdict(session({ lastSeenAt: now, expiresAt: new Date(now.getTime() + 1) }), policy, now),
    ).toEqual({ valid: true });
  });

  it('follows the policy idle minutes', () => {
    const s = session({ lastSeenAt: at(-10) });
    expect(sessionVerdict(s, { idleMinutes: 11, maxHours: 12 }, now).valid).toBe(true);
    expect(sessionVerdict(s, { idleMinutes: 10, maxHours: 12 }, now)).toEqual({
      valid: false,
      reason: 'idle',
    });
  });

  it('names ended before expired before idle', () => {
    const everything = { endedAt: at(-1), expiresAt: at(-1), lastSeenAt: at(-600) };
    expect(sessionVerdict(everything, policy, now)).toEqual({ valid: false, reason: 'ended' });
    expect(sessionVerdict({ ...everything, endedAt: null }, policy, now)).toEqual({
      valid: false,
      reason: 'expired',
    });
  });
});

describe('sessionExpiresAt', () => {
  it('is the policy hours after now', () => {
    expect(sessionExpiresAt(policy, now)).toEqual(new Date('2026-04-15T20:00:00Z'));
    expect(sessionExpiresAt({ idleMinutes: 30, maxHours: 1 }, now)).toEqual(at(60));
  });
});

describe('needsTouch', () => {
  it('touches only once a minute has passed since last seen', () => {
    expect(needsTouch(session({ lastSeenAt: now }), now)).toBe(false);
    expect(needsTouch(session({ lastSeenAt: new Date(now.getTime() - 59_999) }), now)).toBe(false);
    expect(needsTouch(session({ lastSeenAt: new Date(now.getTime() - 60_000) }), now)).toBe(true);
    expect(needsTouch(session({ lastSeenAt: at(-20) }), now)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { afterFailedSignIn, isLocked, type LockoutState } from './sign-in-lockout';

const policy = { maxFailures: 3, lockMinutes: 15 };
const now = new Date('2026-04-15T08:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('isLocked', () => {
  it('is unlocked without a lock time', () => {
    expect(isLocked({ failedSignIns: 99, lockedUntil: null }, now)).toBe(false);
  });

  it('is locked strictly before the lock time and unlocked from it on', () => {
    const state: LockoutState = { failedSignIns: 0, lockedUntil: minutes(5) };
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date(minutes(5).getTime() - 1))).toBe(true);
    expect(isLocked(state, minutes(5))).toBe(false);
    expect(isLocked(state, minutes(6))).toBe(false);
  });
});

describe('afterFailedSignIn', () => {
  it('counts failures below the limit without locking', () => {
    const first = afterFailedSignIn({ failedSignIns: 0, lockedUntil: null }, policy, now);
    expect(first).toEqual({ failedSignIns: 1, lockedUntil: null });
    const second = afterFailedSignIn(first, policy, now);
    expect(second).toEqual({ failedSignIns: 2, lockedUntil: null });
    expect(isLocked(second, now)).toBe(false);
  });

  it('locks for the policy minutes at the limit and restarts the count', () => {
    let state: LockoutState = { failedSignIns: 0, lockedUntil: null };
    for (let i = 0; i < policy.maxFailures; i++) state = afterFailedSignIn(state, policy, now);
    expect(state).toEqual({ failedSignIns: 0, lockedUntil: minutes(15) });
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, minutes(15))).toBe(false);
  });

  it('needs a full run of failures again after a lock', () => {
    const expired: LockoutState = { failedSignIns: 0, lockedUntil: minutes(-1) };
    const later = afterFailedSignIn(expired, policy, now);
    expect(later.failedSignIns).toBe(1);
    expect(isLocked(later, now)).toBe(false);
  });

  it('locks on the first failure when the limit is one', () => {
    const state = afterFailedSignIn(
      { failedSignIns: 0, lockedUntil: null },
      { maxFailures: 1, lockMinutes: 2 },
      now,
    );
    expect(state.lockedUntil).toEqual(minutes(2));
  });

  it('does not mutate the given state', () => {
    const state: LockoutState = { failedSignIns: 1, lockedUntil: null };
    afterFailedSignIn(state, policy, now);
    expect(state).toEqual({ failedSignIns: 1, lockedUntil: null });
  });
});

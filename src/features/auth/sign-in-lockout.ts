export type LockoutPolicy = { maxFailures: number; lockMinutes: number };
export type LockoutState = { failedSignIns: number; lockedUntil: Date | null };

/** Whether the account refuses sign-in at `now`, whatever the password. */
export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * After a wrong password: count it, and lock for the policy's minutes when the count reaches the
 * limit. The count restarts after a lock so the next lock needs a full run of failures again.
 */
export function afterFailedSignIn(state: LockoutState, policy: LockoutPolicy, now: Date): LockoutState {
  const failed = state.failedSignIns + 1;
  if (failed >= policy.maxFailures) {
    return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedSignIns: failed, lockedUntil: state.lockedUntil };
}

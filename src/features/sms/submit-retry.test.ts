import { describe, expect, it } from 'vitest';
import { afterSubmitFailure } from './submit-retry';

const now = new Date('2026-01-15T02:00:00Z');
const base = { maxAttempts: 4, retryBaseMs: 60_000, now };

describe('afterSubmitFailure', () => {
  it('retries a transient error after a delay that doubles with each attempt', () => {
    const delays = [1, 2, 3].map((attempts) => {
      const next = afterSubmitFailure({ ...base, status: 0x08, attempts });
      return next.kind === 'retry' ? next.notBefore.getTime() - now.getTime() : null;
    });
    expect(delays).toEqual([60_000, 120_000, 240_000]);
  });

  it('fails once the attempts are spent', () => {
    expect(afterSubmitFailure({ ...base, status: 0x58, attempts: 4 })).toEqual({ kind: 'failed' });
  });

  it('fails at once when no retry can help (an invalid destination)', () => {
    expect(afterSubmitFailure({ ...base, status: 0x0b, attempts: 1 })).toEqual({ kind: 'failed' });
  });

  it('retries when the SMSC did not answer at all', () => {
    expect(afterSubmitFailure({ ...base, status: null, attempts: 1 }).kind).toBe('retry');
  });

  it('caps the delay at six hours', () => {
    const next = afterSubmitFailure({ ...base, maxAttempts: 20, status: 0x08, attempts: 15 });
    expect(next.kind === 'retry' && next.notBefore.getTime() - now.getTime()).toBe(6 * 3_600_000);
  });
});

import { describe, expect, it } from 'vitest';
import { countCap } from './subscribers.repository';

describe('countCap', () => {
  it('counts five pages beyond the one shown, at least 100 and at most 10,000', () => {
    expect(countCap(1, 20)).toBe(100);
    expect(countCap(5, 20)).toBe(500);
    expect(countCap(2, 200)).toBe(2_000);
    expect(countCap(500, 200)).toBe(10_000);
  });
});

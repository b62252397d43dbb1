import { describe, expect, it } from 'vitest';
import { todayIn } from './time';

describe('todayIn', () => {
  it('gives the Shanghai date when UTC is still on the previous day', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-10-31T17:30:00Z'))).toBe('2026-11-01');
    expect(todayIn('UTC', new Date('2026-10-31T17:30:00Z'))).toBe('2026-10-31');
  });
});

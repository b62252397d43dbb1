import { describe, expect, it } from 'vitest';
import { formatProgress } from './progress';

describe('formatProgress', () => {
  it('shows rows, rate, percentage and the time left from the share of bytes read', () => {
    const line = formatProgress('usage', { rowsRead: 200_000, bytesRead: 25, totalBytes: 100 }, 2);
    expect(line).toBe('usage: 200,000 rows · 100,000 rows/s · 25% · ETA 6s');
  });

  it('shows no ETA before anything is read', () => {
    expect(formatProgress('bills', { rowsRead: 0, bytesRead: 0, totalBytes: 100 }, 0)).toMatch(/ETA --$/);
  });
});

import { expect, it } from 'vitest';
import { counts, formatFigures } from '../../bench/proof/figures';
import { runRateLimitProof } from '../../bench/proof/rate-limits';

// The short proof of the rate limits (bench/proof/rate-limits.ts): every figure is a count, so
// every one must hold here as in `npm run proof`.
it('holds every rate-limit figure of the short proof', { timeout: 240_000 }, async () => {
  const figures = await runRateLimitProof({ short: true });
  console.log(formatFigures(figures));
  expect(figures.length).toBeGreaterThan(40);
  const failed = figures.filter((f) => counts(f, { short: true }) && !f.pass);
  expect(failed.map((f) => `${f.name}: ${f.value} (target ${f.target})`)).toEqual([]);
  expect(figures.every((f) => f.timing === undefined)).toBe(true);
});

import { expect, it } from 'vitest';
import { counts, formatFigures } from '../../bench/proof/figures';
import { runIdempotencyProof } from '../../bench/proof/idempotency';

// The short proof of idempotent writes (bench/proof/idempotency.ts): four writes, sequential and
// concurrent repeats and a reused key, counted in the database on each engine.
it('holds every idempotency figure of the short proof', { timeout: 300_000 }, async () => {
  const figures = await runIdempotencyProof({ short: true });
  console.log(formatFigures(figures));
  // 4 writes × 2 ways × 4 figures, per engine.
  expect(figures.length % 32).toBe(0);
  expect(figures.length).toBeGreaterThanOrEqual(32);
  const failed = figures.filter((f) => counts(f, { short: true }) && !f.pass);
  expect(failed.map((f) => `${f.name}: ${f.value} (target ${f.target})`)).toEqual([]);
});

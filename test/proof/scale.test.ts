import { expect, it } from 'vitest';
import { counts, formatFigures } from '../../bench/proof/figures';
import { runScaleProof } from '../../bench/proof/scale';

// The short scale proof (bench/proof/scale.ts): bench:scale's pipeline at 20k subscribers — files
// generated, a throwaway PostgreSQL, `vipdesk migrate`, every import, `vipdesk score` twice and
// DuckDB's bare feature query, each its own process. Times and memory are printed, not held; what
// must hold on any machine: everyone on the books scored once, nobody else, and the second run's
// scores equal to the first's.
it('holds every non-timing figure of the short scale proof', { timeout: 600_000 }, async () => {
  const figures = await runScaleProof({ short: true });
  console.log(formatFigures(figures));
  const held = figures.filter((f) => counts(f, { short: true }));
  expect(held.map((f) => f.name)).toEqual([
    'subscribers on the books not scored, 20k',
    'scores of subscribers not on the books, 20k',
    'scores differing in run 2 from run 1, 20k',
  ]);
  const failed = held.filter((f) => !f.pass);
  expect(failed.map((f) => `${f.name}: ${f.value} (target ${f.target})`)).toEqual([]);
});

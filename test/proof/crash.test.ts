import { expect, it } from 'vitest';
import { runCrashProof } from '../../bench/proof/crash';
import { counts, formatFigures } from '../../bench/proof/figures';

// The short crash proof (bench/proof/crash.ts): a 5,000-subscriber operator on a throwaway cluster
// with fsync on and data checksums, a dozen agents writing through the real server while it is
// killed with SIGKILL and PostgreSQL is stopped immediately (3 times each), then scoring runs and
// imports killed mid-way. Timings (reconnect, restart) are printed, not held; every count must
// hold: nothing acknowledged lost, nothing twice, nothing half-written, no crash, clean pages.
it('holds every non-timing figure of the short crash proof', { timeout: 600_000 }, async () => {
  const figures = await runCrashProof({ short: true });
  console.log(formatFigures(figures));
  const held = figures.filter((f) => counts(f, { short: true }));
  expect(held.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'acknowledged writes lost',
      'duplicate effects after replay',
      'half-applied multi-row writes',
      'server crashes during PostgreSQL outages',
      'pg_amcheck findings (--all --heapallindexed)',
      'scoring kills with the scores on show whole',
      'subscriber import kills with one file whole',
      'bills/usage import kills with the store whole',
    ]),
  );
  const failed = held.filter((f) => !f.pass);
  expect(failed.map((f) => `${f.name}: ${f.value} (target ${f.target})`)).toEqual([]);
});

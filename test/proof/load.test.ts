import { expect, it } from 'vitest';
import { counts, formatFigures } from '../../bench/proof/figures';
import { runLoadProof } from '../../bench/proof/load';

// The short load proof (bench/proof/load.ts): 20 agents on a 20,000-subscriber operator for a few
// seconds through the real server on a throwaway PostgreSQL cluster. Its timings are printed, not
// held (a shared CI box measures itself); every count must hold: each endpoint of the agent's loop
// answered, no error beyond the allowed share, no unexplained race answer, no claim without a call.
it('holds every non-timing figure of the short load proof', { timeout: 300_000 }, async () => {
  const figures = await runLoadProof({ short: true });
  console.log(formatFigures(figures));
  const held = figures.filter((f) => counts(f, { short: true }));
  expect(held.map((f) => f.name)).toEqual(
    expect.arrayContaining([
      'endpoints exercised',
      'search errors',
      '360 errors',
      'claim next errors',
      'briefing errors',
      'disposition errors',
      'log contact errors',
    ]),
  );
  const failed = held.filter((f) => !f.pass);
  expect(failed.map((f) => `${f.name}: ${f.value} (target ${f.target})`)).toEqual([]);
});

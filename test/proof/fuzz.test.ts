import { describe, expect, it } from 'vitest';
import { availableEngines, createTestDatabase } from '#test/support/database';
import { fuzzOnEngine, printReport, SHORT_RUNS } from '../../bench/proof/fuzz';

/**
 * Proof part 4 in CI (issue 8): the short fuzz — every operation of the OpenAPI document, as every
 * role and as nobody, SHORT_RUNS generated requests each — on each engine. Every figure that is not
 * a timing must hold: no 5xx, no answer outside its declared responses, no invalid input let
 * through without a 4xx naming the field. `npm run proof` runs the full 500 per operation and role.
 */
for (const engine of availableEngines()) {
  describe(`proof: API fuzzing from the OpenAPI document [${engine}]`, () => {
    it(`answers ${SHORT_RUNS} generated requests per operation and role without a 5xx, a schema break or an unnamed invalid field`, async () => {
      const handle = await createTestDatabase(engine);
      try {
        const { figures, report } = await fuzzOnEngine({ numRuns: SHORT_RUNS, engine, handle });
        printReport(report, engine);
        const failing = figures.filter((f) => !f.timing && !f.pass);
        expect(failing, JSON.stringify(report.failures.slice(0, 5), null, 2)).toEqual([]);
        // The fuzz reached the services, not only the validators: most operations did real work.
        expect(report.operationsWith2xx).toBeGreaterThan(report.operations * 0.6);
      } finally {
        await handle.close();
      }
    }, 600_000);
  });
}

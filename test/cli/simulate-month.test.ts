import { expect, it } from 'vitest';
import { runCli } from './run-cli';

// The "Done when" of issue 5: on the demo operator, a simulated month with outcomes drawn from the
// planted truth, and the results report finding the planted effect of calling with its interval.
// The real command end to end: demo load, scoring, campaign launch, thirty daily plans, every call
// through the outcome service, the planted churn, the results report.
it('finds the planted effect of calling in a simulated month', async () => {
  const result = await runCli(['simulate', 'month', '--subscribers', '20000', '--holdout', '0.3'], {});
  expect(result.code, result.stderr).toBe(0);
  console.log(result.stdout.slice(result.stdout.indexOf('Simulated month')));
  expect(result.stdout).toMatch(/holdout contacted: 0\b/);
  expect(result.stdout).toContain('detected (interval above 0): yes');
  expect(result.stdout).toContain('interval holds the planted effect: yes');
}, 900_000);

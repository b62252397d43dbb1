import type { SimulationReport } from './simulate-month';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
const interval = (i: { low: number; high: number } | undefined) =>
  i ? `[${pct(i.low)}, ${pct(i.high)}]` : '';

/** Whether the report's 95% interval for the save-rate uplift excludes 0 and holds the planted effect. */
export function detection(report: SimulationReport): { detected: boolean; containsPlanted: boolean } {
  const uplift = report.results.saveRateUplift;
  if (!uplift) return { detected: false, containsPlanted: false };
  return {
    detected: uplift.interval.low > 0,
    containsPlanted:
      uplift.interval.low <= report.truth.effect && report.truth.effect <= uplift.interval.high,
  };
}

/** The simulated month side by side: what was planted and what the results report measured. */
export function formatSimulationReport(report: SimulationReport): string[] {
  const r = report.results;
  const seen = detection(report);
  return [
    `campaign ${report.campaignId}, launched ${report.launchDay}: ${report.members.treatment} treatment, ${report.members.holdout} holdout (stratified by tier × risk band)`,
    `calls: ${report.calls.attempts} attempts, ${report.calls.reached} reached, ${report.calls.accepted} accepted offers, ${report.calls.saved} leavers saved (planted)`,
    '',
    '                               planted (simulator)   measured (results report, 95% CI)',
    `  holdout churn                ${pct(report.truth.holdoutChurn).padEnd(21)} ${pct(r.churn.holdout.rate)} ${interval(r.churn.holdout.interval)}`,
    `  treatment churn              ${pct(report.truth.treatmentChurn).padEnd(21)} ${pct(r.churn.treatment.rate)} ${interval(r.churn.treatment.interval)}`,
    `  treatment churn, no calls    ${pct(report.truth.treatmentChurnWithoutCalls)}`,
    `  effect of calling (ITT)      ${pct(report.truth.effect).padEnd(21)} ${pct(r.saveRateUplift?.difference)} ${interval(r.saveRateUplift?.interval)}`,
    '',
    `  contact rate ${pct(r.contactRate.rate)}, reach ${pct(r.reachRate.rate)}, acceptance ${pct(r.acceptanceRate.rate)}; holdout contacted: ${r.holdoutContacted}`,
    `  cost per save: ${r.costPerSave.estimateFen === null ? 'no figure' : `${(r.costPerSave.estimateFen / 100).toFixed(0)} CNY`}; report status: ${r.status}`,
    '',
    `  detected (interval above 0): ${seen.detected ? 'yes' : 'no'}; interval holds the planted effect: ${seen.containsPlanted ? 'yes' : 'no'}`,
  ];
}

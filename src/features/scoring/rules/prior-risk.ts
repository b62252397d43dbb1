import type { ScoringSettings } from '#src/features/scoring/settings/scoring-settings';
import { type FiredSignal, SIGNAL_SETTINGS_KEY, type SignalCode } from './churn-signals';

/** One fired signal's share of the prior, shaped like a model reason (log-odds, value 1 = fired). */
export type PriorContribution = { feature: string; contribution: number; value: number };

export type PriorRisk = { probability: number; contributions: PriorContribution[] };

/** The model input column holding a signal's fired flag; the prior names its reasons the same way. */
export function signalColumnName(code: SignalCode): string {
  return `signal_${code}`;
}

/**
 * The churn probability to use while no model has been trained: a logistic of the base log-odds plus
 * each fired signal's weight. Transparent on purpose, so an agent can be told exactly why; the
 * contributions come largest first.
 */
export function priorRisk(signals: FiredSignal[], settings: ScoringSettings): PriorRisk {
  let logOdds = settings.priorRisk.baseLogOdds;
  const contributions: PriorContribution[] = [];
  const counted = new Set<SignalCode>();
  for (const signal of signals) {
    // A signal counts once, however it got into the list.
    if (counted.has(signal.code)) continue;
    counted.add(signal.code);
    const weight = settings.signals[SIGNAL_SETTINGS_KEY[signal.code]].weight;
    logOdds += weight;
    contributions.push({ feature: signalColumnName(signal.code), contribution: weight, value: 1 });
  }
  contributions.sort((a, b) => b.contribution - a.contribution);
  return { probability: 1 / (1 + Math.exp(-logOdds)), contributions };
}

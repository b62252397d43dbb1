import type { DecisionSettings } from './decision-settings';
import type { Action } from './decision-types';

/** P(save | action) for a subscriber of a tier: the prior, or its posterior from recorded outcomes. */
export type PSaveTable = { get(action: Action, tier: string): number };

/** The actions that can save anyone; no_action saves nobody by definition. */
export const SAVING_ACTIONS = ['retention_call', 'care_call', 'upsell_call', 'care_sms'] as const;
export type SavingAction = (typeof SAVING_ACTIONS)[number];

export function isSavingAction(action: Action): action is SavingAction {
  return action !== 'no_action';
}

/** The configured prior for one action and tier (the action's default when the tier is not listed). */
export function priorPSave(settings: DecisionSettings, action: SavingAction, tier: string): number {
  const prior = settings.pSave.priors[action];
  return prior.byTier[tier] ?? prior.default;
}

/** The priors alone, as a table: what a decision uses before any outcome is recorded. */
export function priorPSaveTable(settings: DecisionSettings): PSaveTable {
  const byAction = new Map<Action, { fallback: number; byTier: Map<string, number> }>();
  for (const action of SAVING_ACTIONS) {
    const prior = settings.pSave.priors[action];
    byAction.set(action, { fallback: prior.default, byTier: new Map(Object.entries(prior.byTier)) });
  }
  return {
    get(action, tier) {
      const entry = byAction.get(action);
      if (!entry) return 0;
      return entry.byTier.get(tier) ?? entry.fallback;
    },
  };
}

/**
 * Beta–binomial posterior mean: the prior counts as `strength` pseudo-trials with `prior × strength`
 * saves, so a handful of outcomes nudges it and many outcomes dominate it.
 */
export function posteriorPSave(prior: number, strength: number, saves: number, trials: number): number {
  const total = strength + trials;
  if (total <= 0) return prior;
  return (prior * strength + saves) / total;
}

/** Observed outcomes for one action and tier. */
export type PSaveOutcome = { action: SavingAction; tier: string; trials: number; saves: number };

/** The posterior table: priors updated by the outcomes given; cells without outcomes keep the prior. */
export function estimatedPSaveTable(
  settings: DecisionSettings,
  outcomes: readonly PSaveOutcome[],
): PSaveTable {
  const priors = priorPSaveTable(settings);
  const strength = settings.pSave.priorStrength;
  const estimates = new Map<Action, Map<string, number>>();
  for (const outcome of outcomes) {
    let byTier = estimates.get(outcome.action);
    if (!byTier) {
      byTier = new Map();
      estimates.set(outcome.action, byTier);
    }
    const prior = priors.get(outcome.action, outcome.tier);
    byTier.set(outcome.tier, posteriorPSave(prior, strength, outcome.saves, outcome.trials));
  }
  return {
    get(action, tier) {
      return estimates.get(action)?.get(tier) ?? priors.get(action, tier);
    },
  };
}

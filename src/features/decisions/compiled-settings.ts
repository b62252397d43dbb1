import { compileEligibility, type EligibilityCheck } from './compiled-eligibility';
import type { DecisionSettings } from './decision-settings';
import type { DecisionOffer } from './decision-types';
import type { SavingAction } from './p-save';

/**
 * The decision settings and offer list turned into lookups once, so scoring a million candidates
 * does no per-candidate parsing, record walking or string building. Cached by object identity: a
 * settings document and an offer list are treated as immutable once handed to the scorer.
 */
export type CompiledSettings = {
  horizonMonths: number;
  tierWeights: ReadonlyMap<string, number>;
  vipBoost: number;
  callCostFen: number;
  smsCostFen: number;
  minExpectedValueFen: number;
  enabled: Readonly<Record<SavingAction, boolean>>;
  budgetShare: number;
  budgetCapFen: number;
  withoutOfferFactor: number;
  ruleFactors: ReadonlyMap<string, number>;
  retentionExcludedKinds: ReadonlySet<string>;
  upsellKinds: ReadonlySet<string>;
  upsellHorizonMonths: number;
  defaultMonthlyGainFen: number;
  monthlyGainByOffer: ReadonlyMap<string, number>;
  monthlyGainByKind: ReadonlyMap<string, number>;
  keyMomentFactor: number;
  settings: DecisionSettings;
};

export type CompiledOffer = {
  offer: DecisionOffer;
  /** isEligible(offer.eligibility, ·), compiled. */
  isEligibleFor: EligibilityCheck;
  /** P(save) multiplier of the offer's retention rule; 1 for a rule the settings do not list. */
  ruleFactor: number;
  /** A gain set for this offer code: wins over the target plan's fee difference. */
  codeMonthlyGainFen: number | null;
  /** The gain when neither the code nor a target plan gives one: by kind, else the default. */
  fallbackMonthlyGainFen: number;
};

/** The offers a call may present (channel call or any), split by the action that may present them. */
export type CompiledOffers = { retention: readonly CompiledOffer[]; upsell: readonly CompiledOffer[] };

const compiledSettings = new WeakMap<DecisionSettings, CompiledSettings>();
const compiledOffers = new WeakMap<CompiledSettings, WeakMap<readonly DecisionOffer[], CompiledOffers>>();

export function compileDecisionSettings(settings: DecisionSettings): CompiledSettings {
  const cached = compiledSettings.get(settings);
  if (cached) return cached;
  const compiled: CompiledSettings = {
    horizonMonths: settings.value.horizonMonths,
    tierWeights: new Map(Object.entries(settings.value.tierWeights)),
    vipBoost: settings.value.vipBoost,
    callCostFen: settings.costs.callCostFen,
    smsCostFen: settings.costs.smsCostFen,
    minExpectedValueFen: settings.minExpectedValueFen,
    enabled: {
      retention_call: settings.actions.retention_call.enabled,
      care_call: settings.actions.care_call.enabled,
      upsell_call: settings.actions.upsell_call.enabled,
      care_sms: settings.actions.care_sms.enabled,
    },
    budgetShare: settings.budget.maxShareOfAnnualValue,
    budgetCapFen: settings.budget.capFen,
    withoutOfferFactor: settings.retention.withoutOfferFactor,
    ruleFactors: new Map(Object.entries(settings.retention.offerRuleFactors)),
    retentionExcludedKinds: new Set(settings.retention.excludedOfferKinds),
    upsellKinds: new Set(settings.upsell.offerKinds),
    upsellHorizonMonths: settings.upsell.horizonMonths,
    defaultMonthlyGainFen: settings.upsell.defaultMonthlyGainFen,
    monthlyGainByOffer: new Map(Object.entries(settings.upsell.monthlyGainFenByOffer)),
    monthlyGainByKind: new Map(Object.entries(settings.upsell.monthlyGainFenByKind)),
    keyMomentFactor: settings.care.keyMomentFactor,
    settings,
  };
  compiledSettings.set(settings, compiled);
  return compiled;
}

export function compileOffers(s: CompiledSettings, offers: readonly DecisionOffer[]): CompiledOffers {
  let byList = compiledOffers.get(s);
  if (!byList) {
    byList = new WeakMap();
    compiledOffers.set(s, byList);
  }
  const cached = byList.get(offers);
  if (cached) return cached;
  const compiled: { retention: CompiledOffer[]; upsell: CompiledOffer[] } = { retention: [], upsell: [] };
  for (const offer of offers) {
    if (offer.channel !== 'call' && offer.channel !== 'any') continue;
    const entry: CompiledOffer = {
      offer,
      isEligibleFor: compileEligibility(offer.eligibility),
      ruleFactor: s.ruleFactors.get(offer.rule) ?? 1,
      codeMonthlyGainFen: s.monthlyGainByOffer.get(offer.code) ?? null,
      fallbackMonthlyGainFen: s.monthlyGainByKind.get(offer.kind) ?? s.defaultMonthlyGainFen,
    };
    if (!s.retentionExcludedKinds.has(offer.kind)) compiled.retention.push(entry);
    if (s.upsellKinds.has(offer.kind)) compiled.upsell.push(entry);
  }
  byList.set(offers, compiled);
  return compiled;
}

import {
  type CompiledOffer,
  type CompiledSettings,
  compileDecisionSettings,
  compileOffers,
} from './compiled-settings';
import type { DecisionSettings } from './decision-settings';
import type { Action, ActionScore, DecisionCandidate, DecisionOffer, DecisionReason } from './decision-types';
import type { PSaveTable } from './p-save';

/**
 * Next-best-action (issue §2): for each allowed action,
 *   expected value = P(churn) × value at risk × P(save | action) − cost,
 * and for an upsell the expected ARPU gain × P(accept) − cost. Runs once per candidate in a planning
 * run (a million of them), so everything that depends only on settings or offers is compiled once
 * and cached, and the candidate itself serves as the eligibility facts.
 */

const ACTION_ORDER: Record<Action, number> = {
  retention_call: 0,
  care_call: 1,
  upsell_call: 2,
  care_sms: 3,
  no_action: 4,
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** Also maps NaN to 0: a broken probability is no probability. */
const clamp01 = (x: number) => (x > 0 ? Math.min(x, 1) : 0);

/** What the candidate is worth to the operator before any action: the same for every action. */
type CandidateValue = {
  churn: number;
  monthlyValueFen: number;
  valueAtRiskFen: number;
  budgetFen: number;
  commonReasons: DecisionReason[];
};

/** The most the operator may spend on this subscriber's offer: a share of annual value, capped. */
export function retentionBudgetFen(candidate: DecisionCandidate, settings: DecisionSettings): number {
  return budgetOf(compileDecisionSettings(settings), monthlyValue(candidate));
}

function monthlyValue(candidate: DecisionCandidate): number {
  const value = candidate.monthlyValueFen;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function budgetOf(s: CompiledSettings, monthlyValueFen: number): number {
  return Math.min(s.budgetCapFen, Math.floor(monthlyValueFen * 12 * s.budgetShare));
}

function candidateValue(candidate: DecisionCandidate, s: CompiledSettings): CandidateValue {
  const churn = Number.isFinite(candidate.probability) ? clamp01(candidate.probability) : 0;
  const monthlyValueFen = monthlyValue(candidate);
  const tierWeight = s.tierWeights.get(candidate.tier) ?? 1;
  const isVip = candidate.vipKind !== 'none' && candidate.vipKind !== '';
  const weight = tierWeight * (isVip ? 1 + s.vipBoost : 1);
  const valueAtRiskFen = monthlyValueFen * s.horizonMonths * weight;
  const commonReasons: DecisionReason[] = [
    { code: 'risk', params: { probability: round3(churn), riskBand: candidate.riskBand } },
    {
      code: 'value_at_risk',
      params: {
        monthlyValueFen,
        horizonMonths: s.horizonMonths,
        tierWeight,
        valueFen: Math.round(valueAtRiskFen),
      },
    },
  ];
  if (isVip && s.vipBoost > 0) {
    commonReasons.push({ code: 'vip_boost', params: { vipKind: candidate.vipKind, boost: s.vipBoost } });
  }
  return { churn, monthlyValueFen, valueAtRiskFen, budgetFen: budgetOf(s, monthlyValueFen), commonReasons };
}

function offerReasons(
  reasons: DecisionReason[],
  offer: DecisionOffer | null,
  overBudget: number,
  budgetFen: number,
): void {
  if (offer) {
    reasons.push({
      code: 'offer_within_budget',
      params: { offerCode: offer.code, offerCostFen: offer.costFen, budgetFen },
    });
  }
  if (overBudget > 0) reasons.push({ code: 'budget_exceeded', params: { offers: overBudget, budgetFen } });
}

function scoreRetentionCall(
  candidate: DecisionCandidate,
  value: CandidateValue,
  s: CompiledSettings,
  offers: readonly CompiledOffer[],
  pSave: PSaveTable,
): ActionScore {
  const base = pSave.get('retention_call', candidate.tier);
  const reach = value.churn * value.valueAtRiskFen;
  let bestOffer: DecisionOffer | null = null;
  let bestP = clamp01(base * s.withoutOfferFactor);
  let bestCost = s.callCostFen;
  let bestEv = reach * bestP - bestCost;
  let overBudget = 0;
  for (const compiled of offers) {
    if (!compiled.isEligibleFor(candidate)) continue;
    if (compiled.offer.costFen > value.budgetFen) {
      overBudget += 1;
      continue;
    }
    const p = clamp01(base * compiled.ruleFactor);
    const cost = s.callCostFen + compiled.offer.costFen;
    const ev = reach * p - cost;
    if (ev > bestEv) {
      bestEv = ev;
      bestP = p;
      bestCost = cost;
      bestOffer = compiled.offer;
    }
  }
  const reasons = value.commonReasons.slice();
  reasons.push({
    code: 'p_save',
    params: { action: 'retention_call', pSave: round3(bestP), tier: candidate.tier },
  });
  offerReasons(reasons, bestOffer, overBudget, value.budgetFen);
  reasons.push({ code: 'cost', params: { costFen: bestCost } });
  return {
    action: 'retention_call',
    offerCode: bestOffer?.code ?? null,
    expectedValueFen: Math.round(bestEv),
    pSave: bestP,
    costFen: bestCost,
    reasons,
  };
}

/** An upsell sells: no churn term; its value is the offer's ARPU gain × P(accept). */
function scoreUpsellCall(
  candidate: DecisionCandidate,
  value: CandidateValue,
  s: CompiledSettings,
  offers: readonly CompiledOffer[],
  pSave: PSaveTable,
): ActionScore | null {
  const pAccept = clamp01(pSave.get('upsell_call', candidate.tier));
  let overBudget = 0;
  let best: CompiledOffer | null = null;
  let bestGain = 0;
  let bestEv = Number.NEGATIVE_INFINITY;
  for (const compiled of offers) {
    if (!compiled.isEligibleFor(candidate)) continue;
    if (compiled.offer.costFen > value.budgetFen) {
      overBudget += 1;
      continue;
    }
    const gain = monthlyGainOf(compiled, value.monthlyValueFen);
    // A "move" that lowers the bill is plan advice, not an upsell.
    if (gain <= 0) continue;
    const ev = gain * s.upsellHorizonMonths * pAccept - s.callCostFen - compiled.offer.costFen;
    if (ev > bestEv) {
      bestEv = ev;
      bestGain = gain;
      best = compiled;
    }
  }
  if (!best) return null;
  const offer = best.offer;
  const cost = s.callCostFen + offer.costFen;
  const reasons: DecisionReason[] = [
    {
      code: 'upsell_gain',
      params: { offerCode: offer.code, monthlyGainFen: bestGain, horizonMonths: s.upsellHorizonMonths },
    },
    { code: 'p_save', params: { action: 'upsell_call', pSave: round3(pAccept), tier: candidate.tier } },
  ];
  offerReasons(reasons, offer, overBudget, value.budgetFen);
  reasons.push({ code: 'cost', params: { costFen: cost } });
  return {
    action: 'upsell_call',
    offerCode: offer.code,
    expectedValueFen: Math.round(bestEv),
    pSave: pAccept,
    costFen: cost,
    reasons,
  };
}

function monthlyGainOf(compiled: CompiledOffer, monthlyValueFen: number): number {
  if (compiled.codeMonthlyGainFen !== null) return compiled.codeMonthlyGainFen;
  const target = compiled.offer.targetPlanFeeFen;
  if (target !== undefined && target !== null) return target - monthlyValueFen;
  return compiled.fallbackMonthlyGainFen;
}

/** Care looks after the relationship and never carries an offer (the contact policy refuses one). */
function scoreCare(
  action: 'care_call' | 'care_sms',
  candidate: DecisionCandidate,
  value: CandidateValue,
  s: CompiledSettings,
  pSave: PSaveTable,
): ActionScore {
  const base = pSave.get(action, candidate.tier);
  const p = clamp01(candidate.hasKeyMoment ? base * s.keyMomentFactor : base);
  const cost = action === 'care_call' ? s.callCostFen : s.smsCostFen;
  const ev = value.churn * value.valueAtRiskFen * p - cost;
  const reasons = value.commonReasons.slice();
  reasons.push({ code: 'p_save', params: { action, pSave: round3(p), tier: candidate.tier } });
  if (candidate.hasKeyMoment) reasons.push({ code: 'care_moment', params: { factor: s.keyMomentFactor } });
  reasons.push({ code: 'cost', params: { costFen: cost } });
  return { action, offerCode: null, expectedValueFen: Math.round(ev), pSave: p, costFen: cost, reasons };
}

function noAction(): ActionScore {
  return {
    action: 'no_action',
    offerCode: null,
    expectedValueFen: 0,
    pSave: 0,
    costFen: 0,
    reasons: [{ code: 'no_action', params: {} }],
  };
}

/** An action worth taking beats doing nothing; one below the minimum ranks after it. */
function rank(score: ActionScore, minExpectedValueFen: number): number {
  if (score.action === 'no_action') return 1;
  return score.expectedValueFen > 0 && score.expectedValueFen >= minExpectedValueFen ? 0 : 2;
}

/**
 * Every allowed and enabled action scored, best first. `no_action` (expected value 0) is included when
 * allowed, and any action below `minExpectedValueFen` (or not above 0) ranks after it. An upsell with
 * no eligible offer that raises the bill is left out: there is nothing to sell. While a ticket is
 * open only care and no action are scored, each with the reason `open_ticket`.
 */
export function scoreActions(
  candidate: DecisionCandidate,
  allowed: readonly Action[],
  offers: readonly DecisionOffer[],
  settings: DecisionSettings,
  pSave: PSaveTable,
): ActionScore[] {
  const s = compileDecisionSettings(settings);
  const compiledOffers = compileOffers(s, offers);
  const value = candidateValue(candidate, s);
  const scores: ActionScore[] = [];
  let withNoAction = false;
  for (const action of candidate.openTicket ? allowed.filter(isCare) : allowed) {
    switch (action) {
      case 'retention_call':
        if (s.enabled.retention_call)
          scores.push(scoreRetentionCall(candidate, value, s, compiledOffers.retention, pSave));
        break;
      case 'upsell_call': {
        if (!s.enabled.upsell_call) break;
        const upsell = scoreUpsellCall(candidate, value, s, compiledOffers.upsell, pSave);
        if (upsell) scores.push(upsell);
        break;
      }
      case 'care_call':
      case 'care_sms':
        if (s.enabled[action]) scores.push(scoreCare(action, candidate, value, s, pSave));
        break;
      case 'no_action':
        if (!withNoAction) scores.push(noAction());
        withNoAction = true;
        break;
    }
  }
  if (candidate.openTicket) {
    for (const score of scores) score.reasons.push({ code: 'open_ticket', params: {} });
  }
  const minimum = s.minExpectedValueFen;
  if (withNoAction) {
    for (const score of scores) {
      if (rank(score, minimum) === 2) {
        score.reasons.push({ code: 'below_minimum', params: { minExpectedValueFen: minimum } });
      }
    }
  }
  scores.sort(
    (a, b) =>
      rank(a, minimum) - rank(b, minimum) ||
      b.expectedValueFen - a.expectedValueFen ||
      ACTION_ORDER[a.action] - ACTION_ORDER[b.action],
  );
  return scores;
}

/**
 * What may be done while the subscriber's ticket is open: look after them (care call, care SMS)
 * or leave them be. Retention and upsell calls are sales calls (they carry offers and count as
 * marketing), so they wait until the ticket is closed.
 */
function isCare(action: Action): boolean {
  return action === 'care_call' || action === 'care_sms' || action === 'no_action';
}

/** The best of scoreActions; no_action when nothing is allowed at all. */
export function bestAction(
  candidate: DecisionCandidate,
  allowed: readonly Action[],
  offers: readonly DecisionOffer[],
  settings: DecisionSettings,
  pSave: PSaveTable,
): ActionScore {
  return scoreActions(candidate, allowed, offers, settings, pSave)[0] ?? noAction();
}

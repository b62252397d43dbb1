import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCandidate } from './build-candidate';
import { type DecisionSettings, parseDecisionSettings } from './decision-settings';
import { ACTIONS, type Action, type DecisionCandidate, type DecisionOffer } from './decision-types';
import { bestAction, retentionBudgetFen, scoreActions } from './next-best-action';
import { type PSaveTable, priorPSaveTable } from './p-save';

/** Uniform over [0, max] in steps of max/1000 (fc.double spreads over the float encoding, mostly near 0). */
const upTo = (max: number) => fc.integer({ min: 0, max: 1_000 }).map((k) => (k / 1_000) * max);

const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning', 'unknown_tier'] as const;
const RULES = ['cost', 'product', 'relationship', 'value', 'embedded'] as const;
const KINDS = ['bill_discount', 'plan_change', 'handset', 'bundle', 'care_gift', 'upgrade'] as const;

const candidateArb: fc.Arbitrary<DecisionCandidate> = fc
  .record({
    probability: upTo(1),
    monthlyValueFen: fc.noBias(fc.integer({ min: 0, max: 200_000 })),
    tier: fc.constantFrom(...TIERS),
    vipKind: fc.constantFrom('none', 'high_value', 'both'),
    hasKeyMoment: fc.boolean(),
    sceneTags: fc.subarray(['family', 'student']),
  })
  .map((r) => buildCandidate(r));

const offerArb: fc.Arbitrary<DecisionOffer> = fc.record({
  code: fc.constant(''),
  rule: fc.constantFrom(...RULES),
  kind: fc.constantFrom(...KINDS),
  costFen: fc.integer({ min: 0, max: 60_000 }),
  channel: fc.constantFrom('call', 'sms', 'any'),
  eligibility: fc.constantFrom({}, { sceneTags: ['family'] }, { tiers: ['high_value'] }),
  targetPlanFeeFen: fc.option(fc.integer({ min: 1_000, max: 50_000 }), { nil: null }),
});

/** Offers with distinct codes, so a chosen code names exactly one offer. */
const offersArb = (maxLength: number) =>
  fc.array(offerArb, { maxLength }).map((list) => list.map((offer, i) => ({ ...offer, code: `OFFER_${i}` })));

const settingsArb: fc.Arbitrary<DecisionSettings> = fc
  .record({
    horizonMonths: fc.integer({ min: 1, max: 36 }),
    vipBoost: upTo(5),
    callCostFen: fc.noBias(fc.integer({ min: 0, max: 5_000 })),
    smsCostFen: fc.integer({ min: 0, max: 500 }),
    minExpectedValueFen: fc.integer({ min: 0, max: 5_000 }),
    share: upTo(1),
    capFen: fc.noBias(fc.integer({ min: 0, max: 100_000 })),
    keyMomentFactor: upTo(5),
    withoutOfferFactor: upTo(1),
    ruleFactors: fc.dictionary(fc.constantFrom(...RULES), upTo(5)),
  })
  .map((r) =>
    parseDecisionSettings({
      value: { horizonMonths: r.horizonMonths, vipBoost: r.vipBoost },
      costs: { callCostFen: r.callCostFen, smsCostFen: r.smsCostFen },
      minExpectedValueFen: r.minExpectedValueFen,
      budget: { maxShareOfAnnualValue: r.share, capFen: r.capFen },
      care: { keyMomentFactor: r.keyMomentFactor },
      retention: { withoutOfferFactor: r.withoutOfferFactor, offerRuleFactors: r.ruleFactors },
    }),
  );

const pSaveArb: fc.Arbitrary<PSaveTable> = fc
  .dictionary(fc.constantFrom(...ACTIONS), upTo(1))
  .map((byAction) => ({ get: (action: Action) => byAction[action] ?? 0.1 }));

const allowedArb = fc.subarray([...ACTIONS], { minLength: 1 });

describe('next-best-action properties', () => {
  it('never lets expected value fall as P(churn) rises for a retention call', () => {
    fc.assert(
      fc.property(
        candidateArb,
        upTo(1),
        upTo(1),
        offersArb(6),
        settingsArb,
        (candidate, p1, p2, offers, settings) => {
          const [low, high] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const pSave = priorPSaveTable(settings);
          const ev = (probability: number) =>
            scoreActions({ ...candidate, probability }, ['retention_call'], offers, settings, pSave)[0]
              ?.expectedValueFen ?? Number.NaN;
          expect(ev(high)).toBeGreaterThanOrEqual(ev(low));
        },
      ),
    );
  });

  it('never chooses an offer that costs more than the budget', () => {
    fc.assert(
      fc.property(
        candidateArb,
        allowedArb,
        offersArb(8),
        // Each offer's cost as a share of this subscriber's budget: up to twice it, so offers just
        // over the budget are common and would win on expected value if the budget were not kept.
        fc.array(upTo(2), { minLength: 8, maxLength: 8 }),
        settingsArb,
        pSaveArb,
        (candidate, allowed, generated, shares, anySettings, pSave) => {
          // Offers worth presenting (a call without one saves nobody, value counted for 3 years),
          // so the choice among them, not the absence of one, is what is tested.
          const settings = parseDecisionSettings({
            ...anySettings,
            value: { ...anySettings.value, horizonMonths: 36 },
            retention: { ...anySettings.retention, withoutOfferFactor: 0 },
          });
          const budget = retentionBudgetFen(candidate, settings);
          const offers = generated.map((offer, i) => ({
            ...offer,
            costFen: Math.round((shares[i] ?? 0) * budget),
          }));
          for (const score of scoreActions(candidate, allowed, offers, settings, pSave)) {
            if (score.offerCode === null) continue;
            const offer = offers.find((o) => o.code === score.offerCode);
            expect(offer?.costFen, `${score.offerCode} against budget ${budget}`).toBeLessThanOrEqual(budget);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('chooses no_action when every other action is worth nothing', () => {
    fc.assert(
      fc.property(
        candidateArb,
        allowedArb,
        offersArb(6),
        settingsArb,
        pSaveArb,
        (candidate, allowed, offers, settings, pSave) => {
          const withNoAction: Action[] = allowed.includes('no_action') ? allowed : [...allowed, 'no_action'];
          const scores = scoreActions(candidate, withNoAction, offers, settings, pSave);
          const acting = scores.filter((s) => s.action !== 'no_action');
          if (acting.every((s) => s.expectedValueFen <= 0)) expect(scores[0]?.action).toBe('no_action');
          expect(scores.some((s) => s.action === 'no_action' && s.expectedValueFen === 0)).toBe(true);
        },
      ),
    );
  });

  it('never gives a care action an offer, nor an action outside the allowed list', () => {
    fc.assert(
      fc.property(
        candidateArb,
        allowedArb,
        offersArb(6),
        settingsArb,
        pSaveArb,
        (candidate, allowed, offers, settings, pSave) => {
          for (const score of scoreActions(candidate, allowed, offers, settings, pSave)) {
            expect(allowed).toContain(score.action);
            if (score.action === 'care_call' || score.action === 'care_sms')
              expect(score.offerCode).toBeNull();
          }
        },
      ),
    );
  });

  it('never gives an open ticket a sales offer: no retention or upsell call, no offer, the reason named', () => {
    fc.assert(
      fc.property(
        candidateArb,
        allowedArb,
        offersArb(6),
        settingsArb,
        pSaveArb,
        (candidate, allowed, offers, settings, pSave) => {
          const scores = scoreActions({ ...candidate, openTicket: true }, allowed, offers, settings, pSave);
          for (const score of scores) {
            expect(['care_call', 'care_sms', 'no_action']).toContain(score.action);
            expect(score.offerCode).toBeNull();
            expect(score.reasons.map((r) => r.code)).toContain('open_ticket');
          }
          // Care stays possible: every allowed care action is still scored (unless switched off).
          const best = bestAction({ ...candidate, openTicket: true }, allowed, offers, settings, pSave);
          expect(best.offerCode).toBeNull();
        },
      ),
    );
  });

  it('ranks actions best first: anything worth doing before no_action, then by expected value', () => {
    fc.assert(
      fc.property(candidateArb, offersArb(6), settingsArb, pSaveArb, (candidate, offers, settings, pSave) => {
        const scores = scoreActions(candidate, ACTIONS, offers, settings, pSave);
        const noActionAt = scores.findIndex((s) => s.action === 'no_action');
        scores.forEach((s, i) => {
          const worthDoing = s.expectedValueFen > 0 && s.expectedValueFen >= settings.minExpectedValueFen;
          if (s.action !== 'no_action') expect(i < noActionAt).toBe(worthDoing);
        });
        const before = scores.slice(0, noActionAt).map((s) => s.expectedValueFen);
        expect(before).toEqual([...before].sort((a, b) => b - a));
      }),
    );
  });
});

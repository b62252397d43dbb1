import type { Database } from '#src/db/client';
import type { Actor } from '#src/features/auth/actor';
import type { Locale } from '#src/features/scoring/rules/evidence-text';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { requireSubscriberInScope } from '#src/features/subscribers/subscriber-access';
import { findOfferSuppression } from '#src/features/tickets/retention-link/offer-suppression';
import { AppError } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import { candidateFromScore } from './candidate-from-score';
import { actionTitle, renderDecisionReason } from './decision-reason-text';
import { ACTIONS, type Action, type DecisionReason } from './decision-types';
import { findOfferNames, findScoredSubscriber } from './decisions.repository';
import { loadDecisionContext } from './decisions.service';
import { retentionBudgetFen, scoreActions } from './next-best-action';

export type RankedOfferView = {
  code: string;
  name: string;
  rule: string;
  kind: string;
  costFen: number;
  scriptCode: string | null;
};

export type RankedActionView = {
  action: Action;
  title: string;
  offer: RankedOfferView | null;
  expectedValueFen: number;
  pSave: number;
  costFen: number;
  reasons: (DecisionReason & { text: string })[];
};

export type NextBestActionView = {
  subscriberId: number;
  runId: number;
  onDay: string;
  settingsVersion: number;
  budgetFen: number;
  candidate: {
    probability: number;
    riskBand: string;
    tier: string;
    vipKind: string;
    monthlyValueFen: number;
    hasKeyMoment: boolean;
    openTicket: boolean;
  };
  /** Best first; the first is the recommendation. */
  actions: RankedActionView[];
};

/**
 * Every action for one subscriber in the actor's scope, ranked by expected value from the current
 * score, with the offer each would present, the retention budget and the reasons in the reader's
 * language. No campaign restricts the actions here: it is the call panel's and analyst's "what would
 * work best" view.
 */
export async function nextBestActionFor(
  db: Database,
  actor: Actor,
  subscriberId: number,
  context: { locale: Locale; timeZone: string; now?: Date },
): Promise<NextBestActionView> {
  await requireSubscriberInScope(db, actor, subscriberId, 'next-best-action');
  const run = await findCurrentRun(db);
  if (!run)
    throw new AppError('NOT_FOUND', 'No scoring run has finished yet: there is no score to decide on');
  const scored = await findScoredSubscriber(db, run.id, subscriberId);
  if (!scored) throw new AppError('NOT_FOUND', 'The subscriber has no score in the current scoring run');

  const now = context.now ?? new Date();
  const onDay = todayIn(context.timeZone, now);
  const decision = await loadDecisionContext(db, onDay, now);
  const candidate = candidateFromScore(scored.score, scored.subscriber, {
    onDay,
    keyMomentWindowDays: decision.settings.care.keyMomentWindowDays,
    openTicket: (await findOfferSuppression(db, subscriberId)) !== null,
  });
  const scores = scoreActions(candidate, ACTIONS, decision.offers, decision.settings, decision.pSave);
  const offerCodes = scores.flatMap((s) => (s.offerCode ? [s.offerCode] : []));
  const names = await findOfferNames(db, offerCodes);
  const locale = context.locale;

  return {
    subscriberId,
    runId: run.id,
    onDay,
    settingsVersion: decision.settingsVersion,
    budgetFen: retentionBudgetFen(candidate, decision.settings),
    candidate: {
      probability: candidate.probability,
      riskBand: candidate.riskBand,
      tier: candidate.tier,
      vipKind: candidate.vipKind,
      monthlyValueFen: candidate.monthlyValueFen,
      hasKeyMoment: candidate.hasKeyMoment,
      openTicket: candidate.openTicket,
    },
    actions: scores.map((score) => {
      const offer = score.offerCode ? decision.offers.find((o) => o.code === score.offerCode) : undefined;
      const named = score.offerCode ? names.get(score.offerCode) : undefined;
      return {
        action: score.action,
        title: actionTitle(score.action, locale),
        offer:
          offer && named
            ? {
                code: offer.code,
                name: locale === 'en' ? named.nameEn : named.nameZh,
                rule: offer.rule,
                kind: offer.kind,
                costFen: offer.costFen,
                scriptCode: named.scriptCode,
              }
            : null,
        expectedValueFen: score.expectedValueFen,
        pSave: score.pSave,
        costFen: score.costFen,
        reasons: score.reasons.map((reason) => ({ ...reason, text: renderDecisionReason(reason, locale) })),
      };
    }),
  };
}

import { addDays, monthEnd, monthOf } from '#src/lib/months';
import type { DecisionCandidate } from './decision-types';

/** The columns of a subscriber_scores row a decision reads. */
export type ScoreForDecision = {
  subscriberId: number;
  probability: number;
  riskBand: string;
  tier: string;
  lifecycleStage: string;
  vipKind: string;
  segments: readonly string[];
  signalCodes: readonly string[];
  /** subscriber_scores.key_moments as stored: [{ code, dueDate, params }]. */
  keyMoments: unknown;
  arpu3Fen: number | null;
  revenueAtRiskFen: number;
};

/** The profile facts a decision reads (subscribers joined to plans). */
export type SubscriberForDecision = { joinDate: string; planCode: string; sceneTags: readonly string[] };

/**
 * Whole months from joining to `onDay`, as the scoring feature query counts them: the join day is
 * reached on the last day of a shorter month.
 */
export function tenureMonthsOn(joinDate: string, onDay: string): number {
  const months =
    (Number(onDay.slice(0, 4)) - Number(joinDate.slice(0, 4))) * 12 +
    (Number(onDay.slice(5, 7)) - Number(joinDate.slice(5, 7)));
  const dayReached = onDay === monthEnd(monthOf(onDay)) ? 31 : Number(onDay.slice(8, 10));
  const beforeJoinDay = Number(joinDate.slice(8, 10)) > dayReached;
  return Math.max(0, months - (beforeJoinDay ? 1 : 0));
}

/** A key moment is due by the end of the window (an overdue one still counts: do it now). */
export function hasKeyMomentBy(keyMoments: unknown, lastDay: string): boolean {
  if (!Array.isArray(keyMoments)) return false;
  for (const moment of keyMoments) {
    if (typeof moment !== 'object' || moment === null || !('dueDate' in moment)) continue;
    const due = moment.dueDate;
    if (typeof due === 'string' && due <= lastDay) return true;
  }
  return false;
}

/** A current score plus a little profile, as next-best-action sees them (no open ticket unless told). */
export function candidateFromScore(
  score: ScoreForDecision,
  subscriber: SubscriberForDecision,
  options: { onDay: string; keyMomentWindowDays: number; openTicket?: boolean },
): DecisionCandidate {
  return {
    subscriberId: score.subscriberId,
    probability: score.probability,
    monthlyValueFen: score.arpu3Fen ?? 0,
    revenueAtRiskFen: score.revenueAtRiskFen,
    tier: score.tier,
    riskBand: score.riskBand,
    segments: score.segments,
    signalCodes: score.signalCodes,
    lifecycleStage: score.lifecycleStage,
    vipKind: score.vipKind,
    planCode: subscriber.planCode,
    tenureMonths: tenureMonthsOn(subscriber.joinDate, options.onDay),
    sceneTags: subscriber.sceneTags,
    hasKeyMoment: hasKeyMomentBy(score.keyMoments, addDays(options.onDay, options.keyMomentWindowDays)),
    openTicket: options.openTicket ?? false,
  };
}
